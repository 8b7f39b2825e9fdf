using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Confab.Data.Migrations.Postgres
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

            migrationBuilder.AlterColumn<string>(
                name: "sender_participant_id",
                table: "chat_messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "client_id",
                table: "chat_messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "meeting_id",
                table: "chat_messages",
                type: "character varying(11)",
                maxLength: 11,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(11)",
                oldMaxLength: 11);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "sender_participant_id",
                table: "chat_messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "client_id",
                table: "chat_messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "meeting_id",
                table: "chat_messages",
                type: "character varying(11)",
                maxLength: 11,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(11)",
                oldMaxLength: 11,
                oldCollation: "C");

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
