/// The gazetteers shipped with depeche (`Extract/Lexicon/Gazetteer/*.tsv`), compiled into the
/// binary by SwiftPM's `embedInCode` (Package.swift lists them), so extraction needs no files
/// and works from any directory.
enum BuiltInGazetteer {
    /// Each shipped list's file name and bytes, in the order they are read.
    static let files: [(name: String, bytes: [UInt8])] = [
        ("companies.tsv", PackageResources.companies_tsv),
        ("countries.tsv", PackageResources.countries_tsv),
        ("geography.tsv", PackageResources.geography_tsv),
        ("given_names.tsv", PackageResources.given_names_tsv),
        ("international.tsv", PackageResources.international_tsv),
        ("misc.tsv", PackageResources.misc_tsv),
        ("morocco_cities.tsv", PackageResources.morocco_cities_tsv),
        ("morocco_institutions.tsv", PackageResources.morocco_institutions_tsv),
        ("morocco_regions.tsv", PackageResources.morocco_regions_tsv),
        ("people.tsv", PackageResources.people_tsv),
        ("publications.tsv", PackageResources.publications_tsv),
        ("world_places.tsv", PackageResources.world_places_tsv),
        ("arabic_given_names.tsv", PackageResources.arabic_given_names_tsv),
        // Last: every curated list above wins a spelling it shares.
        ("geonames_places.tsv", PackageResources.geonames_places_tsv),
    ]

    /// The entries of every shipped list.
    static func entries() throws -> [GazetteerEntry] {
        try files.flatMap { file in
            try Gazetteer.parse(String(decoding: file.bytes, as: UTF8.self), origin: "built-in \(file.name)")
        }
    }
}
