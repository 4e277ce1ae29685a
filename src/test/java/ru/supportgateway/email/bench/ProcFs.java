package ru.supportgateway.email.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and peak RSS of a process, from Linux's /proc. */
final class ProcFs {

    /** USER_HZ: 100 on every Linux the benchmark runs on (getconf CLK_TCK). */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcFs() {
    }

    /** utime + stime of the process (all its threads), in clock ticks; 0 when it is gone. */
    static long cpuTicks(long pid) {
        return cpuTicks(pid, false);
    }

    /** As {@link #cpuTicks(long)}, plus, with {@code children}, the CPU of its children that ended (cutime, cstime). */
    static long cpuTicks(long pid, boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return children ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU seconds of the local PostgreSQL server so far: its postmaster, the backends that ended (reaped by
     * it) and those alive. 0 where it cannot be seen (another machine, another user's processes).
     */
    static double postgresCpuSeconds() {
        long ticks = 0;
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            boolean postgres = p.info().command().filter(c -> c.endsWith("/postgres")).isPresent();
            boolean child = p.parent().flatMap(pp -> pp.info().command()).filter(c -> c.endsWith("/postgres")).isPresent();
            if (postgres && !child) {
                ticks += cpuTicks(p.pid(), true);
                for (ProcessHandle d : p.descendants().toList()) {
                    ticks += cpuTicks(d.pid());
                }
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    static double cpuSecondsOfSelf() {
        return cpuTicks(ProcessHandle.current().pid()) / TICKS_PER_SECOND;
    }

    /** A line of /proc/self/status in kB, e.g. VmHWM (peak RSS) or VmRSS. */
    static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
