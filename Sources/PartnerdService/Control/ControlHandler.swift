/// What the daemon provides to the control socket: the answers to `status` and `reload`.
///
/// The server calls these from its connection tasks, possibly several at once; an implementation serialises
/// reloads itself (an actor does).
package protocol ControlHandler: Sendable {
    /// A snapshot of the running daemon.
    func status() async -> DaemonStatus

    /// Reloads the config as SIGHUP does and returns once the outcome is decided: applied, or rejected with every
    /// error while the previous config stays in force.
    func reload() async -> ReloadOutcome

    /// Fetches every calendar with a `url` now, reloads when one of them changed, and returns the status after it.
    func fetchCalendars() async -> DaemonStatus

    /// Marks a task item done, crash-safely: the answer comes after the ledger holds the mark.
    func markDone(_ item: TaskItemID, by: String) async -> Result<TaskDoneOutcome, ControlError>

    /// Every task item of the config in force with its state.
    func tasks() async -> [TaskItemStatus]
}
