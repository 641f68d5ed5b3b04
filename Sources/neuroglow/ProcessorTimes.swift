import FoundationEssentials

/// The machine's processor time as the kernel counts it (the first line of /proc/stat), to say
/// how much of a measurement's time the hypervisor gave to other guests. On a shared VM that
/// "steal" is what turns a quiet run's figures into a slow one's; a figure reported with it can
/// be told apart from a regression.
struct ProcessorTimes: Equatable {
    /// Every state's ticks summed: user, nice, system, idle, iowait, irq, softirq and steal.
    let total: UInt64
    /// Ticks this guest was ready to run but the hypervisor ran someone else.
    let steal: UInt64

    /// Parses the aggregate `cpu` line of /proc/stat's text; nil when it is missing or malformed.
    /// Kernels older than 2.6.11 have no steal column: their steal is 0.
    init?(procStat text: String) {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        let ticks = line.split(separator: " ").dropFirst().prefix(8).map { UInt64($0) }
        guard ticks.count >= 4, ticks.allSatisfy({ $0 != nil }) else { return nil }
        let values = ticks.map { $0! }
        total = values.reduce(0, +)
        steal = values.count >= 8 ? values[7] : 0
    }

    /// The times now; nil where /proc/stat cannot be read.
    static func now() -> ProcessorTimes? {
        (try? String(contentsOfFile: "/proc/stat", encoding: .utf8)).flatMap { ProcessorTimes(procStat: $0) }
    }

    /// The percentage of the processor time since `earlier` that was stolen; nil when no time
    /// passed (or the counters went backwards, as after a restore).
    func stealPercent(since earlier: ProcessorTimes) -> Double? {
        guard total > earlier.total, steal >= earlier.steal else { return nil }
        return Double(steal - earlier.steal) / Double(total - earlier.total) * 100
    }
}
