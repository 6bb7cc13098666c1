import Logging

/// What the command line overrides in every config the daemon loads, applied in this one place.
package struct ConfigurationOverrides: Sendable {
    /// `--listen HOST:PORT`, which replaces `feed.listen`.
    package var listen: ListenAddress?
    /// `--listen ""`, which turns the feed server off whatever the config says.
    package var listenDisabled: Bool

    package init(listen: ListenAddress? = nil, listenDisabled: Bool = false) {
        self.listen = listen
        self.listenDisabled = listenDisabled
    }

    /// The overrides of `partnerd --listen TEXT` (`nil`: no flag).
    package init(listenFlag: String?) {
        listenDisabled = listenFlag == ""
        if let listenFlag, case .success(let address) = ListenAddress.parse(listenFlag) {
            listen = address
        } else {
            listen = nil
        }
    }

    /// `configuration` with the overrides applied. With `inForce` (a reload), a changed `feed.listen` is kept
    /// at the running server's address, with a warning: the server's socket is bound once, at start.
    package func applied(to configuration: Configuration, inForce: Configuration? = nil, logger: Logger) -> Configuration {
        var configuration = configuration
        if listenDisabled { configuration.feed.listen = nil }
        if let listen { configuration.feed.listen = listen }
        if let inForce, configuration.feed.listen != inForce.feed.listen {
            logger.warning(
                "feed.listen changed; the feed server keeps its address until partnerd restarts",
                metadata: [
                    "old": "\(inForce.feed.listen?.description ?? "off")",
                    "new": "\(configuration.feed.listen?.description ?? "off")",
                ])
            configuration.feed.listen = inForce.feed.listen
        }
        return configuration
    }
}
