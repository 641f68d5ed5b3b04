import CSDL2

/// Milliseconds and high-resolution time from SDL, for frame pacing.
public enum Clock {
    public static var seconds: Double { Double(SDL_GetPerformanceCounter()) / Double(SDL_GetPerformanceFrequency()) }
    public static func sleep(milliseconds: Int) { SDL_Delay(UInt32(max(milliseconds, 0))) }
}
