#!/usr/bin/env python3
"""The deterministic workload of the VM tests (tests/vm/guest.sh).

Writes its pid to argv[1] first, then makes a fixed sequence of syscalls whose events
the test looks for: a created file written and read back, a failed open, a fork whose
child execs /bin/true with a known argument; then directory, link, mode, fd and socket
calls that the kmod/eBPF differential compares parameter for parameter.
"""
import os
import socket
import sys

with open(sys.argv[1], "w") as f:
    f.write(str(os.getpid()))
path = "/tmp/kmodtest.txt"
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
os.write(fd, b"hello from the kmod test\n")  # 25 bytes
os.close(fd)
try:
    os.open("/nonexistent/kmodtest", os.O_RDONLY)
except FileNotFoundError:
    pass
fd = os.open(path, os.O_RDONLY)
os.read(fd, 100)
os.close(fd)
pid = os.fork()
if pid == 0:
    os.execv("/bin/true", ["true", "kmod-arg"])
os.waitpid(pid, 0)

# Directories, links, modes, fd duplication, pipes.
d = "/tmp/kmodtest.d"
os.mkdir(d, 0o750)
os.symlink(path, d + "/link")
os.rename(d + "/link", d + "/link2")
os.chmod(path, 0o600)
fd = os.open(path, os.O_RDONLY)
fd2 = os.dup(fd)
os.dup2(fd, 10)
os.set_inheritable(fd2, False)  # fcntl
os.close(10)
os.close(fd2)
os.close(fd)
r, w = os.pipe()
os.write(w, b"through the pipe")
os.read(r, 100)
os.close(r)
os.close(w)
os.unlink(d + "/link2")
os.rmdir(d)
os.unlink(path)
# Sockets: a UDP datagram to the discard port, a refused TCP connect, a bind.
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("127.0.0.1", 0))
u.sendto(b"kmod datagram", ("127.0.0.1", 9))
u.close()
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    t.connect(("127.0.0.1", 1))
except ConnectionRefusedError:
    pass
t.close()
