import CFuzzDriver
import PartnerdFuzzTargets

/// The program's entry point (SwiftPM links `main` to `FuzzICalendar_main`): libFuzzer's driver, feeding every input
/// to `FuzzTargets.icalendar`.
@_cdecl("FuzzICalendar_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        FuzzTargets.icalendar(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
}
