import AsyncHTTPClient
import Foundation
import Glibc
import NIOCore
import NIOHTTP1
import NIOPosix
import PartnerdCore

/// One fetch of a calendar: a conditional GET, redirects followed by hand (at most three, https whenever the host
/// changes, plain http only on loopback), a size limit and one deadline over all of it.
package struct CalendarFetch: Sendable {
    /// What the source answered.
    package enum Outcome: Sendable, Equatable {
        /// A body (status 200), not yet checked to be a calendar.
        case body([UInt8], etag: String?, lastModified: String?)
        /// 304: the copy in use is still the source's.
        case notModified(etag: String?, lastModified: String?)
        /// Why there is nothing to use; the copy in use stays.
        case failed(String)
    }

    /// How long connecting (with the HTTP client's retries) may take.
    static let connectTimeout: Int64 = 10

    /// The most redirects followed.
    package static let maximumRedirects = 3

    package let client: HTTPClient

    package init(client: HTTPClient) { self.client = client }

    /// An HTTP client for fetching: redirects are followed by ``fetch(_:etag:lastModified:)`` itself.
    package static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(connectTimeout), read: .seconds(60))
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .enabled(limit: .size(CalendarSource.maximumBytes))
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    package func fetch(_ source: CalendarSource, etag: String?, lastModified: String?) async -> Outcome {
        let seconds = source.timeout
        do {
            return try await withThrowingTaskGroup(of: Outcome?.self) { group in
                group.addTask { try await self.follow(source.url, etag: etag, lastModified: lastModified, seconds: seconds) }
                group.addTask {
                    try await Task.sleep(for: .seconds(seconds))
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first ?? .failed("\(source.url) did not answer within \(seconds) s (the calendar's timeout)")
            }
        } catch {
            return .failed(Self.describe(error, url: source.url, seconds: seconds))
        }
    }

    private func follow(_ start: String, etag: String?, lastModified: String?, seconds: Int64) async throws -> Outcome {
        var url = start
        var previous: CalendarURL?
        var redirects = 0
        let deadline = NIODeadline.now() + .seconds(seconds)
        while true {
            let target: CalendarURL
            switch CalendarURL.parse(url) {
            case .success(let parsed): target = parsed
            case .failure(let failure): return .failed("\(start) redirected to \(failure.reason)")
            }
            if let previous, previous.host != target.host, target.scheme != .https {
                return .failed("\(start) redirected to \(url), plain http on another host; only https is followed there")
            }
            if !target.isFetchable {
                return .failed("\(url) is plain http to another host; partnerd fetches http only from this host")
            }
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "User-Agent", value: "partnerd/\(PartnerdVersion.current)")
            request.headers.add(name: "Accept", value: "text/calendar, */*;q=0.1")
            if let etag { request.headers.add(name: "If-None-Match", value: etag) }
            if let lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
            let response = try await client.execute(request, deadline: deadline)
            let headers = response.headers
            switch response.status.code {
            case 200:
                if let length = headers.first(name: "Content-Length").flatMap(Int.init), length > CalendarSource.maximumBytes {
                    return .failed("\(url) sends \(length) bytes, more than the \(CalendarSource.maximumBytes) a calendar may have")
                }
                let body: ByteBuffer
                do {
                    body = try await response.body.collect(upTo: CalendarSource.maximumBytes)
                } catch is NIOTooManyBytesError {
                    return .failed("\(url) sent more than the \(CalendarSource.maximumBytes) bytes a calendar may have")
                }
                return .body(
                    Array(buffer: body), etag: headers.first(name: "ETag"), lastModified: headers.first(name: "Last-Modified"))
            case 304:
                return .notModified(
                    etag: headers.first(name: "ETag") ?? etag, lastModified: headers.first(name: "Last-Modified") ?? lastModified)
            case 301, 302, 303, 307, 308:
                guard let location = headers.first(name: "Location"),
                    let next = URL(string: location, relativeTo: URL(string: url))?.absoluteURL.absoluteString
                else {
                    return .failed("\(url) answered \(response.status.code) without a usable Location")
                }
                redirects += 1
                guard redirects <= Self.maximumRedirects else {
                    return .failed("\(start) redirected more than \(Self.maximumRedirects) times (last to \(next))")
                }
                previous = target
                url = next
            default:
                let text = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
                let detail = HTTPDeliveryOutcome.shortened(text)
                return .failed("\(url) answered \(response.status.code) \(response.status.reasonPhrase)\(detail.isEmpty ? "" : ": \(detail)")")
            }
        }
    }

    static func describe(_ error: any Error, url: String, seconds: Int64) -> String {
        if let client = error as? HTTPClientError {
            if client == .connectTimeout { return "\(url): no connection within \(connectTimeout) s" }
            if client == .deadlineExceeded || client == .readTimeout {
                return "\(url) did not answer within \(seconds) s (the calendar's timeout)"
            }
        }
        if let connect = error as? NIOConnectionError {
            let causes = (connect.connectionErrors.map { "\($0.error)" } + (connect.dnsAAAAError.map { ["\($0)"] } ?? []))
            return "\(url): cannot connect to \(connect.host):\(connect.port)\(causes.isEmpty ? "" : " (\(causes[0]))")"
        }
        if let io = error as? IOError {
            let reason = Posix.reason(io.errnoCode)
            if [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT].contains(io.errnoCode), let parsed = URL(string: url),
                let host = parsed.host
            {
                return "\(url): cannot connect to \(host)\(parsed.port.map { ":\($0)" } ?? ""): \(reason)"
            }
            return "\(url): \(reason)"
        }
        return "\(url): \(error)"
    }
}
