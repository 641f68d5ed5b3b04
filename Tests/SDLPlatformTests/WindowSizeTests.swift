import Testing

@testable import SDLPlatform

/// The live window's default size on a small screen: as large as fits, in proportion.
struct WindowSizeTests {
    @Test func aWindowShrinksInProportionToFitTheScreen() {
        let minimum = (width: 320, height: 240)
        func fitted(_ screen: (width: Int, height: Int)?) -> String {
            let size = WindowCanvas.size((1280, 720), fitting: screen, minimum: minimum)
            return "\(size.width)x\(size.height)"
        }
        #expect(fitted(nil) == "1280x720" && fitted((1920, 1080)) == "1280x720" && fitted((1280, 720)) == "1280x720")
        #expect(fitted((1024, 768)) == "1024x576")
        #expect(fitted((800, 600)) == "800x450")
        #expect(fitted((1366, 700)) == "1244x700", "a laptop's screen less its panel: the height decides")
        #expect(fitted((300, 200)) == "320x240", "never below the smallest window")
    }
}
