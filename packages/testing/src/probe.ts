import { connect } from "node:net";

/**
 * Checks over a fresh TCP connection that the redis-server on `host:port` is the expected process
 * and serves commands: it sends `PING` and `INFO server` (pipelined, inline protocol).
 * @param expectedPid when given, `INFO server`'s `process_id` must equal it (this rules out a
 *   foreign server that grabbed the port after ours failed to bind).
 * @param password when given (a server started with `--requirepass`), `AUTH` is sent first.
 * @returns `true` if PING got `+PONG` (not e.g. `-LOADING`) and the pid matched, within
 *   `timeoutMs`; `false` on refusal, error reply, timeout, pid mismatch or any socket error.
 * @throws never.
 */
export function answersPing(host: string, port: number, expectedPid?: number, timeoutMs = 1_000, password?: string): Promise<boolean> {
  return new Promise((resolve) => {
    let buffer = "";
    let settled = false;
    const socket = connect({ host, port });
    const finish = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setNoDelay(true);
    const auth = password === undefined ? "" : `*2\r\n$4\r\nAUTH\r\n$${Buffer.byteLength(password)}\r\n${password}\r\n`;
    const expected = password === undefined ? 2 : 3;
    socket.once("connect", () => socket.write(`${auth}PING\r\nINFO server\r\n`));
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      const replies = parseReplies(buffer, expected);
      if (replies === undefined) return;
      const [ping, info] = replies.slice(expected - 2) as [string, string];
      const pid = /^process_id:(\d+)/m.exec(info)?.[1];
      finish(ping === "+PONG" && (expectedPid === undefined || Number(pid) === expectedPid));
    });
    socket.once("error", () => finish(false));
    socket.once("close", () => finish(false));
  });
}

/**
 * Splits `count` RESP2 replies (simple strings, errors, integers, bulk strings) off `input`.
 * Simple replies are returned with their type byte (`+PONG`, `-ERR ...`), bulk strings as content.
 * @returns the replies, or `undefined` while more data is needed.
 */
function parseReplies(input: string, count: number): string[] | undefined {
  const replies: string[] = [];
  let offset = 0;
  while (replies.length < count) {
    const lineEnd = input.indexOf("\r\n", offset);
    if (lineEnd < 0) return undefined;
    const line = input.slice(offset, lineEnd);
    if (line.startsWith("$")) {
      const length = Number(line.slice(1));
      if (length < 0) {
        replies.push("");
        offset = lineEnd + 2;
        continue;
      }
      const start = lineEnd + 2;
      if (input.length < start + length + 2) return undefined;
      replies.push(input.slice(start, start + length));
      offset = start + length + 2;
    } else {
      replies.push(line);
      offset = lineEnd + 2;
    }
  }
  return replies;
}

/**
 * Tries one TCP connection to see whether nothing listens on `host:port` any more.
 * @returns `true` if the connection was refused (ECONNREFUSED); `false` if it was accepted,
 *   timed out (a frozen server's backlog still accepts) or failed otherwise.
 * @throws never.
 */
export function connectionRefused(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = connect({ host, port });
    const finish = (refused: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(refused);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once("connect", () => finish(false));
    socket.once("error", (error: NodeJS.ErrnoException) => finish(error.code === "ECONNREFUSED"));
  });
}
