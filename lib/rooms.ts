// The one composition point: each installed room is one line here. `npm run remove-room -- <name>` deletes a
// room's line and its folders, and the rest still typechecks and passes its tests.
export { agentToolsRoom } from "@/lib/rooms/agent-tools/room";
export { benchPageRoom } from "@/lib/rooms/bench-page/room";
export { connectedAppsRoom } from "@/lib/rooms/connected-apps/room";
export { flowsRoom } from "@/lib/rooms/flows/room";
export { sandboxRoom } from "@/lib/rooms/sandbox/room";
export { selfApiKeyRoom } from "@/lib/rooms/self-api-key/room";
