using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Confab.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddChatMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chat_messages",
                columns: table => new
                {
                    meeting_id = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sender_participant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sender_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    sender_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    recipient_participant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    to_hosts = table.Column<bool>(type: "INTEGER", nullable: false),
                    content = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    message_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reacts_to = table.Column<Guid>(type: "TEXT", nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    breakout_room_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_messages", x => new { x.meeting_id, x.message_id });
                    table.ForeignKey(
                        name: "fk_chat_messages_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "meeting_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_chat_messages_sender_user_id",
                        column: x => x.sender_user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "idx_chat_messages_client",
                table: "chat_messages",
                columns: new[] { "meeting_id", "sender_participant_id", "client_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_chat_messages_sender_user",
                table: "chat_messages",
                column: "sender_user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chat_messages");
        }
    }
}
