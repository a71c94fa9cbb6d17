import Foundation

/// Files that ship with DyadText (word lists), found in the module's resource bundle.
public enum DyadTextResources {
    /// The lines of a bundled list, without `#` comments and blank lines.
    public static func lines(of name: String) -> [String] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("DyadText resource \(name) is missing from the bundle") }
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            return content.isEmpty ? nil : content
        }
    }
}
