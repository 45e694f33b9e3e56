"""A raw TCP server on 127.0.0.1 that misbehaves on purpose, the way real endpoints fail.

Unlike the well-behaved fake model server in tests/models, it speaks bytes, not a framework, so it can
hang, drop, reset, trickle and send garbage. `mode` is read at each connection:

    ok        a valid OpenAI chat completion answering "OK"
    hang      read the request, never answer
    drop      read the request, close the socket
    reset     read the request, close with RST
    garbage   random bytes that are not HTTP
    half      a 200 header promising 10 kB, 20 bytes of body, then close
    trickle   a 200 header, then one body byte every 0.2 s, forever
    notjson   200 with an HTML body
    badshape  200 with JSON of the wrong shape
    huge      200 with a body of `huge_mb` MB of JSON string
    slowhead  wait `delay` seconds, then answer ok
"""

from __future__ import annotations

import json
import os
import socket
import struct
import threading
import time

OK_BODY = json.dumps(
    {
        "id": "x",
        "object": "chat.completion",
        "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "OK"}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1},
    }
).encode()


class FaultServer:
    def __init__(self) -> None:
        self.mode = "ok"
        self.delay = 0.0
        self.huge_mb = 80
        self.hits = 0
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(128)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        try:
            self._sock.close()
        except OSError:
            pass

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _read_request(self, conn: socket.socket) -> bool:
        conn.settimeout(5)
        data = b""
        try:
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return False
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            while len(body) < length:
                chunk = conn.recv(min(1 << 20, length - len(body)))
                if not chunk:
                    return False
                body += chunk
        except OSError:
            return False
        return True

    def _handle(self, conn: socket.socket) -> None:
        self.hits += 1
        mode = self.mode
        try:
            if not self._read_request(conn):
                return
            if mode == "hang":
                self._stop.wait(120)
            elif mode == "drop":
                pass
            elif mode == "reset":
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            elif mode == "garbage":
                conn.sendall(os.urandom(512))
            elif mode == "half":
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n" + OK_BODY[:20]
                )
            elif mode == "trickle":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
                for _ in range(600):
                    if self._stop.is_set():
                        break
                    conn.sendall(b" ")
                    time.sleep(0.2)
            elif mode == "notjson":
                self._send(conn, b"<html><body>502 Bad Gateway</body></html>", "text/html")
            elif mode == "badshape":
                self._send(conn, json.dumps({"choices": "nope", "usage": [1, 2]}).encode())
            elif mode == "huge":
                body = b'{"x": "' + b"a" * (self.huge_mb << 20) + b'"}'
                self._send(conn, body)
            elif mode == "slowhead":
                time.sleep(self.delay)
                self._send(conn, OK_BODY)
            else:
                self._send(conn, OK_BODY)
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    @staticmethod
    def _send(conn: socket.socket, body: bytes, ctype: str = "application/json") -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: "
            + ctype.encode()
            + b"\r\nContent-Length: "
            + str(len(body)).encode()
            + b"\r\nConnection: close\r\n\r\n"
            + body
        )
