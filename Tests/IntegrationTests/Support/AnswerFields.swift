/// Reading protocol answers decoded by JSONSerialization.
extension Dictionary where Key == String, Value == Any {
    /// `error.code` of a failure answer.
    var errorCode: String? { (self["error"] as? [String: Any])?["code"] as? String }
    /// `error.message` of a failure answer.
    var errorMessage: String? { (self["error"] as? [String: Any])?["message"] as? String }
    var isOK: Bool { self["ok"] as? Bool == true }
}
