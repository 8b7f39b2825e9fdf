namespace Confab.Data.Chat;

/// <summary>
/// The durable store refused a batch because of a message's values (a value too long, a constraint), an error that comes back
/// however often the write is tried — unlike a store that cannot be reached. The persister then stores the batch's messages one
/// at a time and sets aside those refused alone.
/// </summary>
public sealed class ChatMessageRefusedException(string message, Exception innerException) : Exception(message, innerException);
