public enum PartnerdVersion { public static let current = "0.1.0" }
