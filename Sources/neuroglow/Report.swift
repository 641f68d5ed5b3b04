import Glibc

/// Writes a line to standard error.
func report(_ message: String) { writeToStandardError(message + "\n") }

/// Writes `text` to standard error as it is, at once.
func writeToStandardError(_ text: String) { _ = SystemCalls.writeAll(Array(text.utf8), to: STDERR_FILENO) }
