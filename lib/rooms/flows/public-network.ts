import "server-only";

import { lookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import { isIP } from "node:net";

import ipaddr from "ipaddr.js";
import { Agent } from "undici";

/** Whether an address is on the public internet: not loopback, private, link-local, carrier-grade NAT or reserved. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address); // an IPv4-mapped IPv6 address is judged as the IPv4 one it is
  return parsed.range() === "unicast";
}

/**
 * Resolves as the system does, then keeps only public addresses: checked where the connection is made, so a name
 * whose DNS answer changes between the URL check and the request (DNS rebinding) cannot lead the server inward.
 */
function lookupPublicOnly(
  hostname: string,
  options: LookupAllOptions | object,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[] | string, family?: number) => void,
): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const allowed = addresses.filter(({ address }) => isPublicAddress(address));
    if (allowed.length === 0) {
      const refused = Object.assign(new Error(`${hostname} resolves to no public address`), { code: "ENOTPUBLIC" });
      return callback(refused, []);
    }
    if ("all" in options && options.all) return callback(null, allowed);
    return callback(null, allowed[0]!.address, allowed[0]!.family);
  });
}

/** The dispatcher for the server's requests to URLs its users chose: public addresses only, whatever DNS says. */
export const PUBLIC_NETWORK = new Agent({ connect: { lookup: lookupPublicOnly } });

/** An IP literal skips DNS: it is judged as it stands. */
export function isPublicHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return isIP(bare) === 0 || isPublicAddress(bare);
}
