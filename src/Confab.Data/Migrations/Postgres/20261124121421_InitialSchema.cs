using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Confab.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    password_hash = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    display_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    avatar_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    pmi = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    account_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    timezone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    sso_provider = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    sso_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    max_participants = table.Column<int>(type: "integer", nullable: false),
                    group_meeting_cap_minutes = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    meeting_id = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    uuid = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    host_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    password_hash = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    passcode_protected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    join_token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    join_token_protected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    meeting_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    type_code = table.Column<int>(type: "integer", nullable: false),
                    start_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    duration_mins = table.Column<int>(type: "integer", nullable: false),
                    timezone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    settings = table.Column<string>(type: "jsonb", nullable: false),
                    recurrence = table.Column<string>(type: "jsonb", nullable: true),
                    agenda = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    deleted_occurrences = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meetings", x => x.meeting_id);
                    table.ForeignKey(
                        name: "fk_meetings_host_user_id",
                        column: x => x.host_user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "refresh_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_refresh_tokens_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_participants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    display_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    join_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    leave_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    duration_mins = table.Column<int>(type: "integer", nullable: true),
                    device_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_participants", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_participants_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "meeting_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_meeting_participants_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "recordings",
                columns: table => new
                {
                    recording_id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    recording_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    storage_path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    file_size = table.Column<long>(type: "bigint", nullable: true),
                    duration_secs = table.Column<int>(type: "integer", nullable: true),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    transcript_path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recordings", x => x.recording_id);
                    table.ForeignKey(
                        name: "fk_recordings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "meeting_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_participants_meeting",
                table: "meeting_participants",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "idx_participants_user",
                table: "meeting_participants",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "idx_meetings_host",
                table: "meetings",
                column: "host_user_id");

            migrationBuilder.CreateIndex(
                name: "idx_meetings_join_token_hash",
                table: "meetings",
                column: "join_token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_meetings_start",
                table: "meetings",
                column: "start_time");

            migrationBuilder.CreateIndex(
                name: "idx_meetings_status",
                table: "meetings",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "idx_meetings_uuid",
                table: "meetings",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_recordings_meeting",
                table: "recordings",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "idx_refresh_tokens_hash",
                table: "refresh_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_refresh_tokens_user",
                table: "refresh_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "idx_users_email",
                table: "users",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_users_pmi",
                table: "users",
                column: "pmi",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meeting_participants");

            migrationBuilder.DropTable(
                name: "recordings");

            migrationBuilder.DropTable(
                name: "refresh_tokens");

            migrationBuilder.DropTable(
                name: "meetings");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
