// Files in the chat (docs/api.md, Chat files): the page uploads a file over REST and then sends its id with
// chat-send; a file message is downloaded with fetch and saved through a blob URL. Both prove the participant
// with the X-Confab-Participant header: the resume token the meeting socket gave last.

import type { ChatFileInfo } from "./chat";

const HEADER = "X-Confab-Participant";

export interface UploadedFile {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
}

/** Uploads `file` to the meeting's chat; rejects with the server's reason. */
export async function uploadChatFile(meetingId: string, token: string, file: File): Promise<UploadedFile> {
  const response = await fetch(`/v2/meetings/${encodeURIComponent(meetingId)}/chat/files?name=${encodeURIComponent(file.name)}`, {
    method: "POST",
    headers: { [HEADER]: token, "Content-Type": file.type || "application/octet-stream" },
    body: file,
  });
  if (response.status !== 201) {
    throw new Error(await reason(response));
  }
  return (await response.json()) as UploadedFile;
}

/** Fetches a file message's bytes and offers them as a download under the file's name. */
export async function downloadChatFile(file: ChatFileInfo, token: string): Promise<void> {
  const response = await fetch(file.url, { headers: { [HEADER]: token } });
  if (!response.ok) {
    throw new Error(response.status === 404 ? "This file is not available." : await reason(response));
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = file.name;
    link.rel = "noopener";
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

async function reason(response: Response): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: unknown };
    if (typeof problem.detail === "string" && problem.detail) {
      return problem.detail;
    }
  } catch {
    // not JSON: fall through
  }
  return response.status === 413 ? "The file is too large." : response.status === 415 ? "This type of file cannot be shared." : `The upload failed (${response.status}).`;
}
