import Glibc

/// The one place where partnerd talks to POSIX file descriptors: every call that can be interrupted by a signal is
/// retried here, whole buffers are read and written here, and errno is turned into words here.
///
/// partnerd is a Linux daemon (libsystemd, journald), so the C library is Glibc; no other file of the daemon needs
/// to know that.
package enum Posix {
    /// A system call that failed, with the path or object it concerned and the system's reason.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package let code: Int32
        package let reason: String

        package init(code: Int32) {
            self.code = code
            reason = Posix.reason(code)
        }

        /// A failure that is not an errno (a size limit, say).
        package init(reason: String) {
            code = 0
            self.reason = reason
        }

        package var description: String { reason }
    }

    /// The errno values that other layers tell apart (a refused connection from a lost route), by name.
    package enum Errno {
        package static let connectionRefused = ECONNREFUSED
        package static let timedOut = ETIMEDOUT
        package static let networkUnreachable = ENETUNREACH
        package static let hostUnreachable = EHOSTUNREACH
    }

    /// This host's fully qualified name: `gethostname(2)`, made canonical by `getaddrinfo(3)` (`/etc/hosts` or DNS);
    /// nil when neither yields a name with a dot (RFC 5321 §4.1.1.1 wants one in EHLO, or an address literal).
    package static func fullyQualifiedHostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let short = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func qualified(_ name: String) -> String? {
            let lowered = name.lowercased()
            guard name.contains("."), !name.hasSuffix("."), lowered != "localhost", !lowered.hasSuffix(".localhost"),
                  !lowered.hasPrefix("localhost."),
                  name.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || (0x30...0x39).contains($0)
                      || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
            else { return nil }
            return name
        }
        if let name = qualified(short) { return name }
        var hints = addrinfo()
        hints.ai_flags = AI_CANONNAME
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(short, nil, &hints, &result) == 0, let first = result else { return nil }
        defer { freeaddrinfo(first) }
        guard let canonical = first.pointee.ai_canonname else { return nil }
        return qualified(String(cString: canonical))
    }

    /// `strerror(3)` for `code`.
    package static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Calls `body` until it returns something other than -1 with `errno == EINTR` (a signal interrupted it).
    package static func retryingInterrupts<Result: BinaryInteger>(_ body: () -> Result) -> Result {
        while true {
            let result = body()
            if result != -1 || errno != EINTR { return result }
        }
    }

    /// Writes every byte of `bytes` to `descriptor`, however many `write(2)` calls it takes.
    package static func writeAll(_ descriptor: Int32, _ bytes: some Collection<UInt8>) throws(Failure) {
        let failure: Failure? = Array(bytes).withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = retryingInterrupts { write(descriptor, buffer.baseAddress! + offset, buffer.count - offset) }
                if written < 0 { return Failure(code: errno) }
                offset += written
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// Reads `descriptor` to its end; refuses to hold more than `limit` bytes.
    package static func readAll(_ descriptor: Int32, limit: Int) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = retryingInterrupts { buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) } }
            if count < 0 { throw Failure(code: errno) }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else { throw Failure(reason: "it is larger than \(limit) bytes") }
            bytes += buffer[0..<count]
        }
    }

    /// The contents of the file at `path`, or `nil` when there is none.
    package static func readFile(_ path: String, limit: Int) throws(Failure) -> [UInt8]? {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, for ever.
        let descriptor = retryingInterrupts { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw Failure(code: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(code: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Failure(reason: "it is not a regular file") }
        guard Int(info.st_size) <= limit else { throw Failure(reason: "it is larger than \(limit) bytes") }
        return try readAll(descriptor, limit: limit)
    }

    /// Creates `path` and any missing parents with `mode`, like `mkdir -p`; throws the first part it could not create.
    package static func makeDirectories(_ path: String, mode: mode_t) throws(PathFailure) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/\(part)"
            if mkdir(current, mode) != 0 && errno != EEXIST {
                throw PathFailure(path: current, failure: Failure(code: errno))
            }
        }
    }

    /// A failure that concerns one path.
    package struct PathFailure: Error, Sendable {
        package let path: String
        package let failure: Failure
    }

    /// Makes the last change to the directory that holds `path` (a rename, an unlink) durable.
    package static func syncDirectory(containing path: String) {
        let descriptor = retryingInterrupts { open(path.directoryPart, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
