using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Confab.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChatSenderUserIndexPartial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_chat_messages_sender_user",
                table: "chat_messages");

            migrationBuilder.CreateIndex(
                name: "idx_chat_messages_sender_user",
                table: "chat_messages",
                column: "sender_user_id",
                filter: "sender_user_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_chat_messages_sender_user",
                table: "chat_messages");

            migrationBuilder.CreateIndex(
                name: "idx_chat_messages_sender_user",
                table: "chat_messages",
                column: "sender_user_id");
        }
    }
}
