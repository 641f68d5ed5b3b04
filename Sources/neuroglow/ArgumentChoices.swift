import ArgumentParser
import NeuralCore
import Playback
import Scene

// The enums of the command line, parsed and listed by ArgumentParser: a wrong value is refused
// with the option, the value and every allowed value.

extension Loss: ExpressibleByArgument {}
extension WeightInitialization: ExpressibleByArgument {}
extension ScheduleMode: ExpressibleByArgument {}
extension Palette.Name: ExpressibleByArgument {}
extension WeightScaleMode: ExpressibleByArgument {}

/// `--activation`: the activations a hidden layer may use (softmax couples a layer's neurons and
/// is for the output layer only).
enum HiddenActivationChoice: String, CaseIterable, ExpressibleByArgument {
    case sigmoid, tanh, relu, linear

    var activation: Activation { Activation(rawValue: rawValue)! }
}

/// `--output-activation`: the activations the output layer may use.
enum OutputActivationChoice: String, CaseIterable, ExpressibleByArgument {
    case sigmoid, linear, softmax

    var activation: Activation { Activation(rawValue: rawValue)! }
}

extension CaseIterable where Self: RawRepresentable, Self.RawValue == String {
    /// The choices as the help text lists them: "a|b|c".
    static var choiceList: String { allCases.map(\.rawValue).joined(separator: "|") }
}
