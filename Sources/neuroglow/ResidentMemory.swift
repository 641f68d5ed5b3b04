import FoundationEssentials
import Glibc

/// The process's resident memory now (VmRSS), in MB; 0 where /proc is missing.
func residentMegabytes() -> Double { statusMegabytes("VmRSS:") }

/// The process's peak resident memory so far (VmHWM), in MB: its own, whatever ran before it.
func peakResidentMegabytes() -> Double { statusMegabytes("VmHWM:") }

/// A kB field of /proc/self/status, in MB; 0 where /proc is missing.
private func statusMegabytes(_ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
        let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes / 1024
}
