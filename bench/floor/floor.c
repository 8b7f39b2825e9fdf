/*
 * The floor of an SFU's per-packet cost: what forwarding one video packet cannot go below.
 *
 * Forwarding one SRTP packet needs at least one SRTP protect (AES-GCM-128, RFC 7714) of the
 * rewritten packet and one sendto() of the result. This program times both with the reference C
 * implementation (libsrtp2) and the kernel's loopback UDP path:
 *
 *   protect  N x srtp_protect() of a 12-byte header + 1200-byte payload RTP packet
 *   sendto   N x sendto() of a 1200-byte datagram to a loopback port, drained by a second thread
 *            with recvmmsg() behind a large receive buffer (so a full buffer never changes the cost)
 *   both     N x (protect + sendto of the protected packet), as an SFU does it
 *
 * Each phase runs a number of rounds; the median round is reported, in CPU time of the sending
 * thread (CLOCK_THREAD_CPUTIME_ID, which includes the loopback delivery done in its system call)
 * and in wall time. Output: one JSON object on stdout.
 *
 * Usage: floor [-n iterations] [-r rounds] [-s sender_core] [-d drain_core]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <srtp2/srtp.h>

enum {
    RtpHeaderBytes = 12,
    PayloadBytes = 1200,
    RtpPacketBytes = RtpHeaderBytes + PayloadBytes,
    SequenceOffset = 2,
    DrainBatch = 64,
    DrainDatagramBytes = 2048,
    ReceiveBufferBytes = 64 * 1024 * 1024,
    StopDatagramBytes = 1,
    MaxRounds = 101,
};

static const uint32_t MediaSsrc = 0x11223344u;

struct timing {
    double cpu_ns;
    double wall_ns;
};

struct drain {
    int socket;
    int core;
    atomic_ullong datagrams;
};

static void die(const char *what) {
    fprintf(stderr, "floor: %s: %s\n", what, strerror(errno));
    exit(1);
}

static double now_ns(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void pin_to_core(int core) {
    if (core < 0) {
        return;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(core, &set);
    int rc = pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    if (rc != 0) {
        errno = rc;
        die("pthread_setaffinity_np");
    }
}

/* Reads everything that arrives, in batches, until a one-byte stop datagram. */
static void *drain_loop(void *arg) {
    struct drain *d = arg;
    pin_to_core(d->core);
    static unsigned char buffers[DrainBatch][DrainDatagramBytes];
    struct mmsghdr messages[DrainBatch];
    struct iovec vectors[DrainBatch];
    for (;;) {
        for (int i = 0; i < DrainBatch; i++) {
            vectors[i].iov_base = buffers[i];
            vectors[i].iov_len = DrainDatagramBytes;
            memset(&messages[i].msg_hdr, 0, sizeof messages[i].msg_hdr);
            messages[i].msg_hdr.msg_iov = &vectors[i];
            messages[i].msg_hdr.msg_iovlen = 1;
        }
        int n = recvmmsg(d->socket, messages, DrainBatch, MSG_WAITFORONE, NULL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            die("recvmmsg");
        }
        for (int i = 0; i < n; i++) {
            if (messages[i].msg_len == StopDatagramBytes) {
                return NULL;
            }
            atomic_fetch_add(&d->datagrams, 1);
        }
    }
}

static void write_rtp_header(unsigned char *packet, uint16_t sequence) {
    packet[0] = 0x80;          /* V=2, P=0, X=0, CC=0 */
    packet[1] = 96;            /* M=0, PT=96 (VP8) */
    packet[SequenceOffset] = (unsigned char)(sequence >> 8);
    packet[SequenceOffset + 1] = (unsigned char)sequence;
    uint32_t timestamp = 90000;
    packet[4] = (unsigned char)(timestamp >> 24);
    packet[5] = (unsigned char)(timestamp >> 16);
    packet[6] = (unsigned char)(timestamp >> 8);
    packet[7] = (unsigned char)timestamp;
    packet[8] = (unsigned char)(MediaSsrc >> 24);
    packet[9] = (unsigned char)(MediaSsrc >> 16);
    packet[10] = (unsigned char)(MediaSsrc >> 8);
    packet[11] = (unsigned char)MediaSsrc;
}

static srtp_t create_sender_session(void) {
    static unsigned char key[SRTP_AES_GCM_128_KEY_LEN_WSALT];
    for (size_t i = 0; i < sizeof key; i++) {
        key[i] = (unsigned char)(i * 7 + 1);
    }
    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
    srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
    policy.ssrc.type = ssrc_any_outbound;
    policy.key = key;
    policy.window_size = 1024;
    policy.allow_repeat_tx = 0;
    srtp_t session;
    if (srtp_create(&session, &policy) != srtp_err_status_ok) {
        fprintf(stderr, "floor: srtp_create failed\n");
        exit(1);
    }
    return session;
}

/* The packet is protected in place again and again: the ciphertext of one round is the plaintext of
 * the next, which costs the same. Only the sequence number (a fresh SRTP index) and length reset. */
static void protect_one(srtp_t session, unsigned char *packet, uint16_t sequence, int *length) {
    write_rtp_header(packet, sequence);
    *length = RtpPacketBytes;
    if (srtp_protect(session, packet, length) != srtp_err_status_ok) {
        fprintf(stderr, "floor: srtp_protect failed at sequence %u\n", sequence);
        exit(1);
    }
}

static void send_one(int socket, const unsigned char *datagram, size_t length, const struct sockaddr_in *to) {
    if (sendto(socket, datagram, length, 0, (const struct sockaddr *)to, sizeof *to) < 0) {
        die("sendto");
    }
}

enum phase { PhaseProtect, PhaseSend, PhaseBoth };

struct bench {
    srtp_t session;
    int sender;
    struct sockaddr_in to;
    unsigned char packet[RtpPacketBytes + SRTP_MAX_TRAILER_LEN];
    uint16_t sequence;
};

static struct timing run_phase(struct bench *b, enum phase phase, long iterations) {
    int length = RtpPacketBytes;
    double cpu0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
    double wall0 = now_ns(CLOCK_MONOTONIC);
    for (long i = 0; i < iterations; i++) {
        switch (phase) {
        case PhaseProtect:
            protect_one(b->session, b->packet, b->sequence++, &length);
            break;
        case PhaseSend:
            send_one(b->sender, b->packet, PayloadBytes, &b->to);
            break;
        case PhaseBoth:
            protect_one(b->session, b->packet, b->sequence++, &length);
            send_one(b->sender, b->packet, (size_t)length, &b->to);
            break;
        }
    }
    struct timing t = {
        .cpu_ns = (now_ns(CLOCK_THREAD_CPUTIME_ID) - cpu0) / (double)iterations,
        .wall_ns = (now_ns(CLOCK_MONOTONIC) - wall0) / (double)iterations,
    };
    return t;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static struct timing median_of_rounds(struct bench *b, enum phase phase, long iterations, int rounds) {
    double cpu[MaxRounds], wall[MaxRounds];
    run_phase(b, phase, iterations / 10 + 1); /* warm-up: caches, page faults, socket buffers */
    for (int r = 0; r < rounds; r++) {
        struct timing t = run_phase(b, phase, iterations);
        cpu[r] = t.cpu_ns;
        wall[r] = t.wall_ns;
    }
    qsort(cpu, (size_t)rounds, sizeof cpu[0], compare_doubles);
    qsort(wall, (size_t)rounds, sizeof wall[0], compare_doubles);
    struct timing median = { cpu[rounds / 2], wall[rounds / 2] };
    return median;
}

static int open_drain_socket(struct sockaddr_in *bound) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0) {
        die("socket");
    }
    int size = ReceiveBufferBytes;
    if (setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0 &&
        setsockopt(s, SOL_SOCKET, SO_RCVBUF, &size, sizeof size) < 0) {
        die("SO_RCVBUF");
    }
    memset(bound, 0, sizeof *bound);
    bound->sin_family = AF_INET;
    bound->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bound->sin_port = 0;
    if (bind(s, (struct sockaddr *)bound, sizeof *bound) < 0) {
        die("bind");
    }
    socklen_t len = sizeof *bound;
    if (getsockname(s, (struct sockaddr *)bound, &len) < 0) {
        die("getsockname");
    }
    return s;
}

int main(int argc, char **argv) {
    long iterations = 200000;
    int rounds = 7;
    int sender_core = -1, drain_core = -1;
    int opt;
    while ((opt = getopt(argc, argv, "n:r:s:d:")) != -1) {
        switch (opt) {
        case 'n': iterations = atol(optarg); break;
        case 'r': rounds = atoi(optarg); break;
        case 's': sender_core = atoi(optarg); break;
        case 'd': drain_core = atoi(optarg); break;
        default:
            fprintf(stderr, "usage: floor [-n iterations] [-r rounds] [-s sender_core] [-d drain_core]\n");
            return 2;
        }
    }
    if (iterations < 1 || rounds < 1 || rounds > MaxRounds) {
        fprintf(stderr, "floor: iterations must be >= 1 and rounds in 1..%d\n", MaxRounds);
        return 2;
    }
    if (srtp_init() != srtp_err_status_ok) {
        fprintf(stderr, "floor: srtp_init failed\n");
        return 1;
    }

    static struct bench b;
    b.session = create_sender_session();
    memset(b.packet, 0xA5, sizeof b.packet);
    struct drain d = { .core = drain_core };
    atomic_init(&d.datagrams, 0);
    d.socket = open_drain_socket(&b.to);
    b.sender = socket(AF_INET, SOCK_DGRAM, 0);
    if (b.sender < 0) {
        die("socket");
    }
    pthread_t drainer;
    if (pthread_create(&drainer, NULL, drain_loop, &d) != 0) {
        die("pthread_create");
    }
    pin_to_core(sender_core);

    struct timing protect = median_of_rounds(&b, PhaseProtect, iterations, rounds);
    struct timing send = median_of_rounds(&b, PhaseSend, iterations, rounds);
    struct timing both = median_of_rounds(&b, PhaseBoth, iterations, rounds);

    unsigned char stop = 0;
    send_one(b.sender, &stop, StopDatagramBytes, &b.to);
    pthread_join(drainer, NULL);
    unsigned long long sent = (unsigned long long)(iterations / 10 + 1 + iterations * rounds) * 2;
    unsigned long long received = atomic_load(&d.datagrams);

    printf("{\n");
    printf("  \"payload_bytes\": %d,\n", PayloadBytes);
    printf("  \"iterations\": %ld,\n", iterations);
    printf("  \"rounds\": %d,\n", rounds);
    printf("  \"srtp_profile\": \"AEAD_AES_128_GCM\",\n");
    printf("  \"libsrtp_version\": \"%s\",\n", srtp_get_version_string());
    printf("  \"protect_cpu_us\": %.3f,\n", protect.cpu_ns / 1000.0);
    printf("  \"protect_wall_us\": %.3f,\n", protect.wall_ns / 1000.0);
    printf("  \"sendto_cpu_us\": %.3f,\n", send.cpu_ns / 1000.0);
    printf("  \"sendto_wall_us\": %.3f,\n", send.wall_ns / 1000.0);
    printf("  \"sum_cpu_us\": %.3f,\n", (protect.cpu_ns + send.cpu_ns) / 1000.0);
    printf("  \"sum_wall_us\": %.3f,\n", (protect.wall_ns + send.wall_ns) / 1000.0);
    printf("  \"protect_then_sendto_cpu_us\": %.3f,\n", both.cpu_ns / 1000.0);
    printf("  \"protect_then_sendto_wall_us\": %.3f,\n", both.wall_ns / 1000.0);
    printf("  \"datagrams_sent\": %llu,\n", sent);
    printf("  \"datagrams_drained\": %llu\n", received);
    printf("}\n");

    close(b.sender);
    close(d.socket);
    srtp_dealloc(b.session);
    srtp_shutdown();
    return 0;
}
