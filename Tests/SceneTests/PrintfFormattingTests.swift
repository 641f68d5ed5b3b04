import Testing

@testable import Scene

/// `String(printf:)` gives the C library's text, short (on the stack) or longer than its buffer.
struct PrintfFormattingTests {
    @Test func shortTextsAreTheConversionsText() {
        #expect(String(printf: "%.4g", 0.1234567) == "0.1235")
        #expect(String(printf: "%.1f %%", 93.62) == "93.6 %")
        #expect(String(printf: "%06d", 42) == "000042")
        #expect(String(printf: "") == "")
    }

    @Test func lossesKeepFourSignificantDigits() {
        #expect(HUDPainter.lossText(0.12) == "0.1200")
        #expect(HUDPainter.lossText(0.1234567) == "0.1235")
        #expect(HUDPainter.lossText(3e-5) == "3.000e-05")
        #expect(HUDPainter.lossText(2) == "2.000")
    }

    @Test func textsLongerThanTheBufferComeWhole() {
        let long = String(printf: "%0600d", 7)
        #expect(long.count == 600 && long.hasSuffix("07") && long.allSatisfy { $0 == "0" || $0 == "7" })
        #expect(String(printf: "%0255d", 1).count == 255 && String(printf: "%0256d", 1).count == 256)
    }
}
