// swift-tools-version:6.0
import PackageDescription

/// Module graph (docs/DESIGN.md §3): NeuralCore and Playback import nothing of ours; Session wires
/// a trainer to a schedule; Scene turns session state into plain draw commands; SDLPlatform is the
/// only module that touches C; the executable parses the command line and runs the main loop.
///
/// Linux only: the code uses Glibc (signals, thread priority, /proc) and Debian's SDL2 packages;
/// no Apple platform is declared because none is built or tested.
let package = Package(
    name: "neuroglow",
    products: [
        .executable(name: "neuroglow", targets: ["neuroglow"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CSDL2",
            pkgConfig: "SDL2_ttf",
            providers: [.apt(["libsdl2-dev", "libsdl2-ttf-dev"])]
        ),
        .target(name: "NeuralCore"),
        .target(name: "Playback"),
        .target(name: "Session", dependencies: ["NeuralCore", "Playback"]),
        .target(name: "Scene", dependencies: ["NeuralCore", "Playback", "Session"]),
        .target(name: "SDLPlatform", dependencies: ["CSDL2", "Scene"]),
        .executableTarget(
            name: "neuroglow",
            dependencies: [
                "NeuralCore", "Playback", "Session", "Scene", "SDLPlatform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Session fixtures shared by the unit-test targets.
        .target(
            name: "TestSupport", dependencies: ["NeuralCore", "Playback", "Session", "Scene"], path: "Tests/TestSupport"
        ),
        .testTarget(name: "NeuralCoreTests", dependencies: ["NeuralCore"]),
        .testTarget(name: "PlaybackTests", dependencies: ["Playback", "Session", "NeuralCore", "TestSupport"]),
        .testTarget(name: "SceneTests", dependencies: ["Scene", "Session", "NeuralCore", "Playback", "TestSupport"]),
        .testTarget(
            name: "SDLPlatformTests",
            dependencies: ["CSDL2", "SDLPlatform", "Scene", "Session", "NeuralCore", "TestSupport"]),
        .testTarget(name: "EndToEndTests"),
    ]
)
