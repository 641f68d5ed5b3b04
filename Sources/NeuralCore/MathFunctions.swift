#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

// The C library's elementary functions, behind names of our own so the rest of the core reads as
// plain Swift. (The standard library has none; this is the one place the core reaches libm. e^x
// and tanh, on the training's hot path, are the core's own: `Exponential`.)
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
@inline(__always) func _sin(_ x: Double) -> Double { sin(x) }
@inline(__always) func _sqrt(_ x: Double) -> Double { x.squareRoot() }
