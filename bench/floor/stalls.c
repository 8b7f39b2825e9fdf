/*
 * How often the machine itself stops a busy core: a thread pinned to each given core reads the monotonic clock in
 * a tight loop for a number of seconds, and every gap between two readings longer than 50 us is time the thread did
 * not run (an interrupt, another task, or, on a virtual machine, the host running something else on that CPU).
 *
 * Such a stall holds every packet that arrives in it, whatever the server does, so it bounds what a latency
 * percentile on this machine can show. Both cores spin at once, as both are busy during a load run.
 *
 * Output: one JSON object on stdout, per core: gaps over 1 ms per second, the longest gap, the share of time lost in
 * gaps over 50 us, and the share of time in which a packet arriving would have waited over 1 ms for the core (each
 * gap but its last millisecond, for a packet arriving then waits out the rest): where that share is above 1 %, no
 * server on the core can show a 99th percentile of added latency under 1 ms.
 *
 * Usage: stalls [-t seconds] core...
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

enum { MaxCores = 16 };

static const int64_t GapCountedNs = 50 * 1000;
static const int64_t LongGapNs = 1000 * 1000;

struct core_run {
    int core;
    int64_t duration_ns;
    int64_t long_gaps;
    int64_t longest_gap_ns;
    int64_t lost_ns;
    int64_t held_over_long_gap_ns;
    int pinned;
};

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void *spin(void *arg)
{
    struct core_run *run = arg;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(run->core, &set);
    run->pinned = pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
    int64_t start = now_ns();
    int64_t previous = start;
    for (;;) {
        int64_t now = now_ns();
        int64_t gap = now - previous;
        previous = now;
        if (now - start >= run->duration_ns) {
            break;
        }
        if (gap > GapCountedNs) {
            run->lost_ns += gap;
            if (gap > LongGapNs) {
                run->long_gaps++;
                run->held_over_long_gap_ns += gap - LongGapNs;
            }
            if (gap > run->longest_gap_ns) {
                run->longest_gap_ns = gap;
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    double seconds = 10;
    int option;
    while ((option = getopt(argc, argv, "t:")) != -1) {
        if (option == 't') {
            seconds = atof(optarg);
        } else {
            fprintf(stderr, "usage: stalls [-t seconds] core...\n");
            return 2;
        }
    }
    int count = argc - optind;
    if (count < 1 || count > MaxCores || seconds <= 0) {
        fprintf(stderr, "usage: stalls [-t seconds] core... (1 to %d cores)\n", MaxCores);
        return 2;
    }
    struct core_run runs[MaxCores] = { 0 };
    pthread_t threads[MaxCores];
    for (int i = 0; i < count; i++) {
        runs[i].core = atoi(argv[optind + i]);
        runs[i].duration_ns = (int64_t)(seconds * 1e9);
        if (pthread_create(&threads[i], NULL, spin, &runs[i]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    for (int i = 0; i < count; i++) {
        pthread_join(threads[i], NULL);
    }
    printf("{\"seconds\": %.1f, \"cores\": [", seconds);
    for (int i = 0; i < count; i++) {
        const struct core_run *r = &runs[i];
        printf("%s{\"core\": %d, \"pinned\": %s, \"stalls_over_1ms_per_second\": %.2f, \"longest_stall_ms\": %.3f, "
               "\"lost_fraction\": %.5f, \"held_over_1ms_fraction\": %.5f}",
               i ? ", " : "", r->core, r->pinned ? "true" : "false", r->long_gaps / seconds, r->longest_gap_ns / 1e6,
               (double)r->lost_ns / (double)r->duration_ns, (double)r->held_over_long_gap_ns / (double)r->duration_ns);
    }
    printf("]}\n");
    return 0;
}
