using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Confab.Data.Database;

/// <summary>Marks every stored and loaded timestamp as UTC.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
