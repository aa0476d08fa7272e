import type { CallbackRequest, SendCallback } from "@/lib/rooms/flows/callback-attempt";

export const CALLBACK_URL = "https://api.integry.io/callbacks/alice-slack?token=t0k3n";

/** A callback receiver answering with `answers` in turn (a status, a Response or a thrown error), then 200. */
export function scriptedReceiver(...answers: (number | Response | Error)[]): {
  send: SendCallback;
  received: CallbackRequest[];
} {
  const received: CallbackRequest[] = [];
  const send: SendCallback = async (request) => {
    received.push(request);
    const answer = answers.shift() ?? 200;
    if (answer instanceof Error) throw answer;
    return answer instanceof Response ? answer : new Response(null, { status: answer });
  };
  return { send, received };
}
