export function contentSecurityPolicy(options: { nonce?: string; development: boolean }): string;
