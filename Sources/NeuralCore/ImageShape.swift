/// The grid an image data set's inputs form (`--image WxH`, the built-in `digits`): input
/// `row * width + column` is the cell at that column and row, row 0 at the top. Values run from
/// 0 (blank) to 1 (ink).
public struct ImageShape: Sendable, Equatable {
    public let width: Int
    public let height: Int

    /// Precondition: both sides at least 1.
    public init(width: Int, height: Int) {
        precondition(width >= 1 && height >= 1)
        self.width = width
        self.height = height
    }

    public var cellCount: Int { width * height }

    /// The input index of the cell at `column`, `row`.
    public func index(column: Int, row: Int) -> Int { row * width + column }

    /// Reads "WxH" (`--image 8x8`), each side 2 to 64.
    public static func parse(_ text: String, option: String = "--image") throws(InputError) -> ImageShape {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (2...64).contains(w),
            (2...64).contains(h)
        else { throw InputError("\(option) \(text): expected WIDTHxHEIGHT with each side 2 to 64, e.g. 8x8") }
        return ImageShape(width: w, height: h)
    }
}

/// A grey picture, one coverage value 0…1 per pixel, row by row from the top (a glyph of the
/// shipped font, say).
public struct CoverageImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let values: [Double]

    /// Precondition: `values` holds `width × height` values.
    public init(width: Int, height: Int, values: [Double]) {
        precondition(width >= 1 && height >= 1 && values.count == width * height)
        self.width = width
        self.height = height
        self.values = values
    }

    /// The value at pixel `x`, `y`; 0 outside the picture.
    public func value(_ x: Int, _ y: Int) -> Double {
        x >= 0 && y >= 0 && x < width && y < height ? values[y * width + x] : 0
    }

    /// The bilinearly interpolated value at `x`, `y` in pixel units (pixel centres at k + 0.5).
    public func sample(x: Double, y: Double) -> Double {
        let fx = x - 0.5, fy = y - 0.5
        let x0 = Int(fx.rounded(.down)), y0 = Int(fy.rounded(.down))
        let tx = fx - Double(x0), ty = fy - Double(y0)
        let top = value(x0, y0) * (1 - tx) + value(x0 + 1, y0) * tx
        let bottom = value(x0, y0 + 1) * (1 - tx) + value(x0 + 1, y0 + 1) * tx
        return top * (1 - ty) + bottom * ty
    }

    /// The picture cropped to the box of its pixels above `threshold` (itself if there are none).
    public func croppedToInk(threshold: Double = 0.05) -> CoverageImage {
        var minX = width, maxX = -1, minY = height, maxY = -1
        for y in 0..<height {
            for x in 0..<width where values[y * width + x] > threshold {
                minX = min(minX, x)
                maxX = max(maxX, x)
                minY = min(minY, y)
                maxY = max(maxY, y)
            }
        }
        guard maxX >= minX else { return self }
        let w = maxX - minX + 1, h = maxY - minY + 1
        return CoverageImage(
            width: w, height: h, values: (0..<(w * h)).map { values[($0 / w + minY) * width + $0 % w + minX] })
    }

    /// Strokes grown (`steps` > 0) or thinned (`steps` < 0) by one pixel per step: each pixel
    /// takes the largest (smallest) value of itself and its eight neighbours, with a one-pixel
    /// border added per growing step so nothing is cut off.
    public func thickened(by steps: Int) -> CoverageImage {
        var image = self
        for _ in 0..<abs(steps) {
            let grow = steps > 0
            let pad = grow ? 1 : 0
            let w = image.width + 2 * pad, h = image.height + 2 * pad
            var out = [Double](repeating: 0, count: w * h)
            for y in 0..<h {
                for x in 0..<w {
                    var v = grow ? 0.0 : 1.0
                    for dy in -1...1 {
                        for dx in -1...1 {
                            let s = image.value(x - pad + dx, y - pad + dy)
                            v = grow ? max(v, s) : min(v, s)
                        }
                    }
                    out[y * w + x] = v
                }
            }
            image = CoverageImage(width: w, height: h, values: out)
        }
        return image
    }
}
