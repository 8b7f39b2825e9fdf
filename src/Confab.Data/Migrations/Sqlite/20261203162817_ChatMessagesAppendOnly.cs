using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Confab.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChatMessagesAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_chat_messages_meeting_id",
                table: "chat_messages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "fk_chat_messages_meeting_id",
                table: "chat_messages",
                column: "meeting_id",
                principalTable: "meetings",
                principalColumn: "meeting_id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
