package dev.distill.bench;

/** The process's peak resident memory (VmHWM), so native memory counts too. */
final class PeakRss {

    private PeakRss() {
    }

    static double mebibytes() {
        return ProcStatus.mebibytes("VmHWM");
    }
}
