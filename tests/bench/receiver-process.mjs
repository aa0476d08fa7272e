// The flows' receiver for `npm run bench`, in a process of its own: answers every POST 200 as soon as its body has
// arrived, as an instant Integry would, and GET / with how many POSTs it took. Prints its port, then serves.
import { createServer } from "node:http";

let posts = 0;
const server = createServer((request, response) => {
  if (request.method !== "POST") return void response.end(JSON.stringify({ posts }));
  request.resume();
  request.on("end", () => {
    posts++;
    response.end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
