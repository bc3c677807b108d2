#!/usr/bin/env python3
"""A minimal DNS responder for the monitoring benchmark: answers every A query with 127.0.0.1
(TTL 60) on a UDP port of the loopback, so dns checks have a resolver of their own.
  python3 bench/dns_responder.py PORT"""
import socket, struct, sys


def answer(q):
    if len(q) < 12:
        return None
    tid, flags, qd = struct.unpack(">HHH", q[:6])
    # walk the question name
    i = 12
    while i < len(q) and q[i] != 0:
        i += q[i] + 1
    question = q[12:i + 5]
    qtype = struct.unpack(">H", q[i + 1:i + 3])[0] if i + 3 <= len(q) else 0
    header = struct.pack(">HHHHHH", tid, 0x8180, 1, 1 if qtype == 1 else 0, 0, 0)
    body = question
    if qtype == 1:
        body += b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + socket.inet_aton("127.0.0.1")
    return header + body


def main():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", int(sys.argv[1])))
    while True:
        q, addr = s.recvfrom(512)
        a = answer(q)
        if a:
            s.sendto(a, addr)


if __name__ == "__main__":
    main()
