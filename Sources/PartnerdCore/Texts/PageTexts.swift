/// The words of the subscribe page in the daemon's language.
public struct PageTexts: Sendable {
    public var heading: String
    public var intro: String
    public var allPartnerships: String
    public var eachPartnership: String
    public var openInApp: String
    public var addressToCopy: String
    public var addToGoogle: String
    public var addToOutlook: String
    public var addToMicrosoft365: String
    public var comingUp: String
    public var nothingComingUp: String
    public var howTo: String
    /// Per client: its name and what to do.
    public var clients: [(name: String, steps: String)]
    /// Shown on a page opened with `?token=`.
    public var privateNote: String
    public var backToAll: String

    public init(language: Language) {
        switch language {
        case .de:
            heading = "Kalender abonnieren"
            intro =
                "Jahrestage, Jubiläen und Veranstaltungen der Städtepartnerschaften als Kalender, der sich von selbst aktualisiert."
            allPartnerships = "Alle Partnerschaften"
            eachPartnership = "Einzelne Partnerschaften"
            openInApp = "Im Kalenderprogramm öffnen"
            addressToCopy = "Adresse zum Kopieren"
            addToGoogle = "Google Kalender"
            addToOutlook = "Outlook.com"
            addToMicrosoft365 = "Outlook (Microsoft 365)"
            comingUp = "Demnächst"
            nothingComingUp = "Im nächsten Jahr steht kein Jahrestag an."
            howTo = "So abonnieren Sie"
            clients = [
                ("Google Kalender", "Weitere Kalender → „+“ → Per URL, die Adresse einfügen. Google aktualisiert nach eigenem Takt, oft nur alle paar Stunden."),
                ("Outlook", "Kalender hinzufügen → Aus dem Internet abonnieren, die Adresse einfügen."),
                ("Apple Kalender", "Auf dem Mac: Ablage → Neues Kalenderabonnement, die Adresse einfügen. Auf iPhone und iPad den Link „Im Kalenderprogramm öffnen“ antippen."),
                ("Thunderbird", "Neuer Kalender → Im Netzwerk, die Adresse einfügen."),
            ]
            privateNote =
                "Diese Seite enthält den Zugangsschlüssel für nicht öffentliche Einträge. Geben Sie die Links nur an Berechtigte weiter."
            backToAll = "Alle Kalender"
        case .en:
            heading = "Subscribe to the calendar"
            intro = "Anniversaries, jubilees and events of the town twinnings, as a calendar that keeps itself up to date."
            allPartnerships = "All partnerships"
            eachPartnership = "Single partnerships"
            openInApp = "Open in your calendar app"
            addressToCopy = "Address to copy"
            addToGoogle = "Google Calendar"
            addToOutlook = "Outlook.com"
            addToMicrosoft365 = "Outlook (Microsoft 365)"
            comingUp = "Coming up"
            nothingComingUp = "No anniversary in the coming year."
            howTo = "How to subscribe"
            clients = [
                ("Google Calendar", "Other calendars → “+” → From URL, paste the address. Google refreshes on its own schedule, often only every few hours."),
                ("Outlook", "Add calendar → Subscribe from web, paste the address."),
                ("Apple Calendar", "On a Mac: File → New Calendar Subscription, paste the address. On iPhone and iPad, tap “Open in your calendar app”."),
                ("Thunderbird", "New Calendar → On the Network, paste the address."),
            ]
            privateNote = "This page carries the key to non-public entries. Share its links only with those entitled to them."
            backToAll = "All calendars"
        case .fr:
            heading = "S’abonner au calendrier"
            intro = "Anniversaires, jubilés et manifestations des jumelages, dans un calendrier qui se tient à jour tout seul."
            allPartnerships = "Tous les jumelages"
            eachPartnership = "Jumelage par jumelage"
            openInApp = "Ouvrir dans l’application d’agenda"
            addressToCopy = "Adresse à copier"
            addToGoogle = "Google Agenda"
            addToOutlook = "Outlook.com"
            addToMicrosoft365 = "Outlook (Microsoft 365)"
            comingUp = "Prochainement"
            nothingComingUp = "Aucun anniversaire dans l’année qui vient."
            howTo = "Comment s’abonner"
            clients = [
                ("Google Agenda", "Autres agendas → « + » → À partir de l’URL, coller l’adresse. Google actualise à son rythme, souvent toutes les quelques heures seulement."),
                ("Outlook", "Ajouter un calendrier → S’abonner à partir du web, coller l’adresse."),
                ("Calendrier d’Apple", "Sur Mac : Fichier → Nouvel abonnement à un calendrier, coller l’adresse. Sur iPhone et iPad, toucher « Ouvrir dans l’application d’agenda »."),
                ("Thunderbird", "Nouvel agenda → Sur le réseau, coller l’adresse."),
            ]
            privateNote =
                "Cette page contient la clé des entrées non publiques. Ne transmettez ses liens qu’aux personnes autorisées."
            backToAll = "Tous les calendriers"
        case .nl:
            heading = "Abonneren op de agenda"
            intro = "Verjaardagen, jubilea en activiteiten van de stedenbanden, als agenda die zichzelf bijwerkt."
            allPartnerships = "Alle stedenbanden"
            eachPartnership = "Afzonderlijke stedenbanden"
            openInApp = "Openen in je agenda-app"
            addressToCopy = "Adres om te kopiëren"
            addToGoogle = "Google Agenda"
            addToOutlook = "Outlook.com"
            addToMicrosoft365 = "Outlook (Microsoft 365)"
            comingUp = "Binnenkort"
            nothingComingUp = "Geen verjaardag in het komende jaar."
            howTo = "Zo abonneer je"
            clients = [
                ("Google Agenda", "Andere agenda's → ‘+’ → Via URL, het adres plakken. Google ververst in eigen tempo, vaak maar om de paar uur."),
                ("Outlook", "Agenda toevoegen → Abonneren vanaf internet, het adres plakken."),
                ("Apple Agenda", "Op de Mac: Archief → Nieuw agenda-abonnement, het adres plakken. Op iPhone en iPad tik je op ‘Openen in je agenda-app’."),
                ("Thunderbird", "Nieuwe agenda → Op het netwerk, het adres plakken."),
            ]
            privateNote = "Deze pagina bevat de sleutel tot niet-openbare items. Deel de links alleen met wie daar recht op heeft."
            backToAll = "Alle agenda's"
        }
    }
}
