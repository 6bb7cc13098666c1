import Glibc

/// Writes files so that a crash at any moment leaves either the old content or the new, never a mix:
/// a temporary file in the same directory, `fsync`, `rename` over the target, then `fsync` of the directory
/// so that the rename itself is durable.
package enum AtomicFile {
    /// Why a write failed, with the path and the system's reason.
    package struct WriteError: Error, Sendable, CustomStringConvertible {
        package let path: String
        package let reason: String
        package var description: String { "cannot write \(path): \(reason)" }
    }

    package static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(WriteError) {
        let file = try Writer(path: path, mode: mode)
        file.write(bytes)
        try file.commit()
    }

    /// A file written in pieces and put in place whole by ``commit()``: until then `path` keeps its old content,
    /// and a failure or a missing commit leaves no trace (`partnerctl export -o` of a large calendar).
    package final class Writer {
        let path: String
        private let temporary: String
        private var descriptor: Int32
        private var failure: WriteError?

        package init(path: String, mode: mode_t = 0o600) throws(WriteError) {
            let temporary = "\(path).tmp-\(getpid())"
            let descriptor = Posix.retryingInterrupts {
                open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
            }
            guard descriptor >= 0 else { throw WriteError(path: path, reason: Posix.reason(errno)) }
            self.path = path
            self.temporary = temporary
            self.descriptor = descriptor
        }

        deinit {
            if descriptor >= 0 { abandon() }
        }

        /// Appends `bytes`; the first failure is kept and reported by ``commit()``.
        package func write(_ bytes: [UInt8]) {
            guard failure == nil, descriptor >= 0 else { return }
            do {
                try Posix.writeAll(descriptor, bytes)
            } catch {
                failure = WriteError(path: path, reason: error.reason)
            }
        }

        /// Makes the written bytes durable and puts them at `path` in one rename; on any failure the temporary
        /// file is removed and `path` keeps what it had.
        package func commit() throws(WriteError) {
            guard descriptor >= 0 else { return }
            if let failure {
                abandon()
                throw failure
            }
            if Posix.retryingInterrupts({ fsync(descriptor) }) != 0 {
                let reason = Posix.reason(errno)
                abandon()
                throw WriteError(path: path, reason: reason)
            }
            close(descriptor)
            descriptor = -1
            guard rename(temporary, path) == 0 else {
                let reason = Posix.reason(errno)
                unlink(temporary)
                throw WriteError(path: path, reason: reason)
            }
            Posix.syncDirectory(containing: path)
        }

        private func abandon() {
            close(descriptor)
            descriptor = -1
            unlink(temporary)
        }
    }

    /// Creates `path` and its parents (like `mkdir -p`) with `mode`.
    package static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws(WriteError) {
        do {
            try Posix.makeDirectories(path, mode: mode)
        } catch {
            throw WriteError(path: error.path, reason: error.failure.reason)
        }
    }
}
