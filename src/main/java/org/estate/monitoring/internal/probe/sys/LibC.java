package org.estate.monitoring.internal.probe.sys;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few C library calls an ICMP echo needs, through JNA (the Foreign Function & Memory API is
 * still a preview in Java 21). Linux, 64-bit: {@code size_t} and {@code ssize_t} are Java longs.
 * After each call JNA keeps {@code errno} for the calling thread ({@link Native#getLastError()}).
 */
interface LibC extends Library {

    int AF_INET = 2;
    int SOCK_DGRAM = 2;
    int SOCK_RAW = 3;
    int IPPROTO_ICMP = 1;
    int SOL_RAW = 255;
    int ICMP_FILTER = 1;
    int MSG_DONTWAIT = 0x40;
    short POLLIN = 0x1;
    int EINTR = 4;
    int EAGAIN = 11;

    /** Loaded on first use; throws {@link UnsatisfiedLinkError} where there is no C library to load. */
    static LibC load() {
        return Native.load("c", LibC.class);
    }

    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int name, Pointer value, int length);

    long sendto(int fd, byte[] buf, long length, int flags, byte[] address, int addressLength);

    long recvfrom(int fd, byte[] buf, long length, int flags, Pointer address, Pointer addressLength);

    /** {@code fds} holds one {@code struct pollfd}: int fd, short events, short revents. */
    int poll(Pointer fds, long count, int timeoutMs);

    int close(int fd);

    int getegid();

    String strerror(int errno);
}
