using System.Net;

namespace Confab.Server.Tests.Api;

/// <summary>The table of the bad-input suite: each request is wrong in one way.</summary>
public static class BadInputCases
{
    private const string Register = "/v2/auth/register";
    private const string Login = "/v2/auth/login";
    private const string Refresh = "/v2/auth/refresh";
    private const string Me = "/v2/users/me";
    private const string Create = "/v2/users/me/meetings";
    private const string Password = "Quiet-Harbour-Lantern-42";
    private const string GoodUser = $$"""{"email":"new-{guid}@example.com","password":"{{Password}}","display_name":"N"}""";

    private static readonly HttpStatusCode Bad = HttpStatusCode.BadRequest;

    private static string Long(int length) => new('x', length);

    public static readonly IReadOnlyList<BadInputCase> All =
    [
        // Bodies that are not one well-formed JSON object.
        new("register: truncated JSON", "POST", Register, """{"email":"a@example.com","passw""", Bad, "*", Caller.Anonymous),
        new("register: array instead of object", "POST", Register, "[1,2]", Bad, "body", Caller.Anonymous),
        new("register: empty body", "POST", Register, "", Bad, "body", Caller.Anonymous),
        new("register: JSON null", "POST", Register, "null", Bad, "body", Caller.Anonymous),
        new("register: not JSON at all", "POST", Register, "email=a@example.com", Bad, "body", Caller.Anonymous),
        new("register: form content type", "POST", Register, "email=a", HttpStatusCode.UnsupportedMediaType, null, Caller.Anonymous, "application/x-www-form-urlencoded"),
        new("register: nested 100 deep", "POST", Register, string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100), Bad, "*", Caller.Anonymous),
        // Register fields.
        new("register: email is a number", "POST", Register, $$"""{"email":5,"password":"{{Password}}","display_name":"N"}""", Bad, "email", Caller.Anonymous),
        new("register: email malformed", "POST", Register, $$"""{"email":"not-an-email","password":"{{Password}}","display_name":"N"}""", Bad, "email", Caller.Anonymous),
        new("register: email over-long", "POST", Register, $$"""{"email":"{{Long(300)}}@example.com","password":"{{Password}}","display_name":"N"}""", Bad, "email", Caller.Anonymous),
        new("register: weak password", "POST", Register, """{"email":"weak-{guid}@example.com","password":"123","display_name":"N"}""", Bad, "password", Caller.Anonymous),
        new("register: password missing", "POST", Register, """{"email":"nopw-{guid}@example.com","display_name":"N"}""", Bad, "password", Caller.Anonymous),
        new("register: display_name missing", "POST", Register, $$"""{"email":"noname-{guid}@example.com","password":"{{Password}}"}""", Bad, "display_name", Caller.Anonymous),
        new("register: display_name over-long", "POST", Register, $$"""{"email":"long-{guid}@example.com","password":"{{Password}}","display_name":"{{Long(500)}}"}""", Bad, "display_name", Caller.Anonymous),
        new("register: unknown time zone", "POST", Register, $$"""{"email":"tz-{guid}@example.com","password":"{{Password}}","display_name":"N","timezone":"Mars/Olympus_Mons"}""", Bad, "timezone", Caller.Anonymous),
        new("register: existing email", "POST", Register, $$"""{"email":"{shared-email}","password":"{{Password}}","display_name":"N"}""", HttpStatusCode.Conflict, null, Caller.Anonymous),
        // Login and refresh.
        new("login: unknown account", "POST", Login, $$"""{"email":"nobody-{guid}@example.com","password":"{{Password}}"}""", HttpStatusCode.Unauthorized, null, Caller.Anonymous),
        new("login: password missing", "POST", Login, """{"email":"a@example.com"}""", Bad, "password", Caller.Anonymous),
        new("login: password is an object", "POST", Login, """{"email":"a@example.com","password":{"x":1}}""", Bad, "password", Caller.Anonymous),
        new("refresh: unknown token", "POST", Refresh, """{"refresh_token":"not-a-token-we-issued"}""", HttpStatusCode.Unauthorized, null, Caller.Anonymous),
        new("refresh: token missing", "POST", Refresh, "{}", Bad, "refresh_token", Caller.Anonymous),
        // Authentication.
        new("users/me: no token", "GET", Me, null, HttpStatusCode.Unauthorized, null, Caller.Anonymous),
        new("users/me: alg none token", "GET", Me, null, HttpStatusCode.Unauthorized, null, Caller.AlgNone),
        new("users/me: token signed with another key", "GET", Me, null, HttpStatusCode.Unauthorized, null, Caller.WrongKey),
        new("users/me: bearer garbage", "GET", Me, null, HttpStatusCode.Unauthorized, null, Caller.Garbage),
        new("create meeting: no token", "POST", Create, "{}", HttpStatusCode.Unauthorized, null, Caller.Anonymous),
        new("patch users/me: unknown time zone", "PATCH", Me, """{"timezone":"Europe/Atlantis"}""", Bad, "timezone"),
        new("patch users/me: blank display_name", "PATCH", Me, """{"display_name":"   "}""", Bad, "display_name"),
        // Create meeting fields.
        new("create: duration is a string", "POST", Create, """{"topic":"t","duration":"60"}""", Bad, "duration"),
        new("create: negative duration", "POST", Create, """{"topic":"t","duration":-5}""", Bad, "duration"),
        new("create: duration over a day", "POST", Create, """{"topic":"t","duration":100000}""", Bad, "duration"),
        new("create: unknown time zone", "POST", Create, """{"topic":"t","timezone":"Nowhere/Special"}""", Bad, "timezone"),
        new("create: unknown type", "POST", Create, """{"topic":"t","type":5}""", Bad, "type"),
        new("create: type is fractional", "POST", Create, """{"topic":"t","type":2.5}""", Bad, "type"),
        new("create: start_time not ISO 8601", "POST", Create, """{"topic":"t","start_time":"tomorrow at noon"}""", Bad, "start_time"),
        new("create: start_time in the DST gap", "POST", Create, """{"topic":"t","start_time":"2026-03-29T02:30:00","timezone":"Europe/Berlin"}""", Bad, "start_time"),
        new("create: topic over-long", "POST", Create, $$"""{"topic":"{{Long(300)}}"}""", Bad, "topic"),
        new("create: agenda over-long", "POST", Create, $$"""{"topic":"t","agenda":"{{Long(3000)}}"}""", Bad, "agenda"),
        new("create: topic is an array", "POST", Create, """{"topic":["a","b"]}""", Bad, "topic"),
        new("create: settings is an array", "POST", Create, """{"topic":"t","settings":[true]}""", Bad, "settings*"),
        new("create: waiting_room is a string", "POST", Create, """{"topic":"t","settings":{"waiting_room":"yes"}}""", Bad, "settings.waiting_room"),
        new("create: unknown auto_recording", "POST", Create, """{"topic":"t","settings":{"auto_recording":"tape"}}""", Bad, "settings.auto_recording"),
        new("create: passcode too long", "POST", Create, """{"topic":"t","password":"12345678901"}""", Bad, "password"),
        new("create: passcode with spaces", "POST", Create, """{"topic":"t","password":"pass word"}""", Bad, "password"),
        new("create: empty passcode", "POST", Create, """{"topic":"t","password":""}""", Bad, "password"),
        // Recurrence.
        new("create: type 8 without recurrence", "POST", Create, """{"topic":"t","type":8,"start_time":"2026-06-01T10:00:00Z"}""", Bad, "recurrence"),
        new("create: type 8 without start_time", "POST", Create, """{"topic":"t","type":8,"recurrence":{"type":1,"end_times":2}}""", Bad, "start_time"),
        new("create: recurrence type 9", "POST", Create, """{"topic":"t","type":8,"start_time":"2026-06-01T10:00:00Z","recurrence":{"type":9,"end_times":2}}""", Bad, "recurrence*"),
        new("create: recurrence without type", "POST", Create, """{"topic":"t","type":8,"start_time":"2026-06-01T10:00:00Z","recurrence":{"end_times":2}}""", Bad, "recurrence*"),
        new("create: repeat_interval 0", "POST", Create, """{"topic":"t","type":8,"start_time":"2026-06-01T10:00:00Z","recurrence":{"type":1,"repeat_interval":0,"end_times":2}}""", Bad, "recurrence*"),
        new("create: recurrence ends before it starts", "POST", Create, """{"topic":"t","type":8,"start_time":"2026-06-01T10:00:00Z","recurrence":{"type":1,"end_date_time":"2026-05-01T10:00:00Z"}}""", Bad, "recurrence*"),
        new("create: end_date_time not a time", "POST", Create, """{"topic":"t","type":8,"start_time":"2026-06-01T10:00:00Z","recurrence":{"type":1,"end_date_time":"soon"}}""", Bad, "recurrence*"),
        new("create: recurrence on a scheduled meeting", "POST", Create, """{"topic":"t","type":2,"recurrence":{"type":1,"end_times":2}}""", Bad, "recurrence*"),
        // Meeting paths and queries.
        new("get: non-numeric id", "GET", "/v2/meetings/abc", null, Bad, "id"),
        new("get: id with a sign", "GET", "/v2/meetings/-12345678901", null, Bad, "id"),
        new("get: meeting that does not exist", "GET", "/v2/meetings/12345678901", null, HttpStatusCode.NotFound, null),
        new("patch: negative duration", "PATCH", "/v2/meetings/{meeting}", """{"duration":-1}""", Bad, "duration"),
        new("patch: truncated JSON", "PATCH", "/v2/meetings/{meeting}", """{"topic":""", Bad, "*"),
        new("patch: one occurrence", "PATCH", "/v2/meetings/{meeting}?occurrence_id=1780000000000", """{"topic":"x"}""", Bad, "occurrence_id"),
        new("status: unknown action", "PUT", "/v2/meetings/{meeting}/status", """{"action":"pause"}""", Bad, "action"),
        new("status: end an ended meeting", "PUT", "/v2/meetings/{ended}/status", """{"action":"end"}""", HttpStatusCode.Conflict, null),
        new("delete: non-numeric occurrence_id", "DELETE", "/v2/meetings/{meeting}?occurrence_id=abc", null, Bad, "occurrence_id"),
        new("delete: occurrence of a non-recurring meeting", "DELETE", "/v2/meetings/{meeting}?occurrence_id=1780000000000", null, Bad, "occurrence_id"),
        new("list: unknown type", "GET", "/v2/users/me/meetings?type=everything", null, Bad, "type"),
        new("list: page_size 0", "GET", "/v2/users/me/meetings?page_size=0", null, Bad, "page_size"),
        new("list: page_size not a number", "GET", "/v2/users/me/meetings?page_size=ten", null, Bad, "page_size"),
        new("list: page_size too large", "GET", "/v2/users/me/meetings?page_size=5000", null, Bad, "page_size"),
        new("list: forged next_page_token", "GET", "/v2/users/me/meetings?next_page_token=%25%25%25", null, Bad, "next_page_token"),
        new("past participants: non-numeric id", "GET", "/v2/past_meetings/x1/participants", null, Bad, "id"),
        new("unknown route", "GET", "/v2/nothing-here", null, HttpStatusCode.NotFound, null),
        new("wrong method", "DELETE", "/v2/users/me/meetings", null, HttpStatusCode.MethodNotAllowed, null),
    ];

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });
}
