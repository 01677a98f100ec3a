import Foundation

/// Which top-level fields of a JSON object a `Decodable` type reads, and which it was sent:
/// the difference is the fields a request named that the route would ignore.
///
/// The type is decoded through ``RecordingDecoder``, which passes every call on to
/// JSONDecoder's own decoder and notes each key the type asks for (present or not), so the
/// list cannot drift from the body types: there is none to keep.
struct FieldsRead<Value: Decodable>: Decodable {
    let value: Value
    /// The object's keys, in the order JSON gave them (empty when it is not an object).
    let sent: [String]
    /// The keys the type asked for.
    let read: Set<String>

    init(from decoder: any Decoder) throws {
        sent = (try? decoder.container(keyedBy: AnyFieldKey.self).allKeys.map(\.stringValue)) ?? []
        let log = KeyLog()
        value = try Value(from: RecordingDecoder(base: decoder, log: log))
        read = log.keys
    }

    /// The fields sent that the type does not read.
    var unread: [String] { sent.filter { !read.contains($0) } }
}

/// Any key of a JSON object.
struct AnyFieldKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The keys asked for, filled while one body is decoded on one task.
final class KeyLog: @unchecked Sendable {
    var keys: Set<String> = []
}

/// A decoder that notes the keys of its top-level object that are asked for.
struct RecordingDecoder: Decoder {
    let base: any Decoder
    let log: KeyLog

    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RecordingContainer(base: try base.container(keyedBy: type), log: log))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try base.unkeyedContainer() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { try base.singleValueContainer() }
}

/// Passes each call on to the container it wraps, noting the key.
struct RecordingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let base: KeyedDecodingContainer<Key>
    let log: KeyLog

    var codingPath: [any CodingKey] { base.codingPath }
    var allKeys: [Key] { base.allKeys }

    private func noting<T>(_ key: Key, _ read: () throws -> T) rethrows -> T {
        log.keys.insert(key.stringValue)
        return try read()
    }

    func contains(_ key: Key) -> Bool { noting(key) { base.contains(key) } }
    func decodeNil(forKey key: Key) throws -> Bool { try noting(key) { try base.decodeNil(forKey: key) } }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try noting(key) { try base.decode(type, forKey: key) } }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try noting(key) { try base.decode(type, forKey: key) } }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try noting(key) { try base.decode(type, forKey: key) } }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try noting(key) { try base.nestedContainer(keyedBy: type, forKey: key) }
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try noting(key) { try base.nestedUnkeyedContainer(forKey: key) }
    }

    func superDecoder() throws -> any Decoder { try base.superDecoder() }
    func superDecoder(forKey key: Key) throws -> any Decoder { try noting(key) { try base.superDecoder(forKey: key) } }
}
