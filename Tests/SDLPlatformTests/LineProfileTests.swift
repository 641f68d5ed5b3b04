import Testing

@testable import SDLPlatform

/// A window's lines are sampled nearest from a fine profile (llvmpipe fills them far faster than
/// linearly sampled ones): at every pixel across a line of any width, the alpha drawn stays
/// within a few levels of the feather the profile stands for, so edges stay smooth, not stepped.
struct LineProfileTests {
    /// The feather as a function of the position across the quad, 0…1.
    static func idealAlpha(_ t: Double) -> Double { min(min(t, 1 - t) * 16 / 3, 1) }

    /// The largest difference, in levels of 255, between what nearest sampling of a `texels`
    /// profile draws and the ideal feather, over every pixel of quads 3 to 80 pixels across.
    static func worstNearestError(texels: Int) -> Double {
        var worst = 0.0
        for width in 3...80 {
            for pixel in 0..<width {
                let t = (Double(pixel) + 0.5) / Double(width)
                let texel = min(Int(t * Double(texels)), texels - 1)
                let stored = (SceneRenderer.lineAlpha(texel: texel, of: texels) * 255).rounded()
                worst = max(worst, abs(stored - idealAlpha(t) * 255))
            }
        }
        return worst
    }

    @Test func aWindowsLinesAreWithinAFewLevelsOfTheFeather() {
        #expect(Self.worstNearestError(texels: SceneRenderer.windowLineTexels) <= 12)
    }

    /// The coarse profile recordings use would step visibly if sampled the same way in a window.
    @Test func theCoarseProfileSampledNearestWouldStep() {
        #expect(Self.worstNearestError(texels: 16) > 30)
    }

    @Test func theProfileIsOpaqueInTheMiddleAndSymmetric() {
        for texels in [16, SceneRenderer.windowLineTexels] {
            #expect(SceneRenderer.lineAlpha(texel: texels / 2, of: texels) == 1)
            for y in 0..<texels {
                #expect(
                    SceneRenderer.lineAlpha(texel: y, of: texels)
                        == SceneRenderer.lineAlpha(texel: texels - 1 - y, of: texels))
            }
        }
    }
}
