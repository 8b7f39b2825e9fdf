using System.Net;

namespace Confab.Server.Tests.Api;

/// <summary>How a bad-input request authenticates.</summary>
public enum Caller
{
    /// <summary>No Authorization header.</summary>
    Anonymous,
    /// <summary>A valid token of the class's shared user.</summary>
    User,
    /// <summary>An unsigned token (alg "none") naming the shared user.</summary>
    AlgNone,
    /// <summary>An HS256 token naming the shared user, signed with another key.</summary>
    WrongKey,
    /// <summary>"Bearer" followed by something that is no JWT.</summary>
    Garbage,
}

/// <summary>
/// One malformed or unauthorised request and the answer it must get. In <see cref="Path"/>, "{meeting}" is
/// the shared user's meeting and "{ended}" its ended one. <see cref="Field"/> is the key expected in the
/// problem's errors object ("x*" = a key starting with "x", "*" = any key); null for answers without errors.
/// </summary>
public sealed record BadInputCase(
    string Name,
    string Method,
    string Path,
    string? Body,
    HttpStatusCode Status,
    string? Field,
    Caller Caller = Caller.User,
    string ContentType = "application/json");
