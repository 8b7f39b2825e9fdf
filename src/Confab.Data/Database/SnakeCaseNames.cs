using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Database;

/// <summary>Gives columns, keys and foreign keys snake_case names, as the seed's schema spells them.</summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
            entity.FindPrimaryKey()?.SetName($"pk_{table}");
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                var column = ToSnakeCase(foreignKey.Properties[0].Name);
                foreignKey.SetConstraintName($"fk_{table}_{column}");
            }
        }
    }

    /// <summary>"HostUserId" → "host_user_id".</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
