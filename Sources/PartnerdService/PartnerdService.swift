@_exported import PartnerdCore
