/// How many inputs a connection layer has, as the kernels see it: either known only at run time
/// (`AnyLayerWidth`) or fixed in the type (`FixedLayerWidth<N>`), so that a kernel specialised
/// for it has loops of constant length the compiler unrolls into straight-line code. One
/// algorithm serves every shape; small layers just get their own compiled copy of it.
protocol LayerWidth {
    /// The width to loop over, given the layer's actual width (equal to it for a fixed width,
    /// which is only chosen when they match).
    static func of(_ count: Int) -> Int
}

enum AnyLayerWidth: LayerWidth {
    @inline(__always)
    static func of(_ count: Int) -> Int { count }
}

enum FixedLayerWidth<let N: Int>: LayerWidth {
    @inline(__always)
    static func of(_ count: Int) -> Int { N }
}

/// Work on one connection layer that can be compiled for any `LayerWidth`.
protocol LayerKernel {
    func run<W: LayerWidth>(_ width: W.Type)
}

extension LayerKernel {
    /// Runs this kernel specialised for `count` inputs when that is a common small width (the
    /// built-in sets' 2 and 3 inputs, hidden layers of 4, 6 and 8), else for any width.
    @inline(__always)
    func run(width count: Int) {
        switch count {
        case 1: run(FixedLayerWidth<1>.self)
        case 2: run(FixedLayerWidth<2>.self)
        case 3: run(FixedLayerWidth<3>.self)
        case 4: run(FixedLayerWidth<4>.self)
        case 6: run(FixedLayerWidth<6>.self)
        case 8: run(FixedLayerWidth<8>.self)
        default: run(AnyLayerWidth.self)
        }
    }
}
