import Testing
@testable import PartnerdService
