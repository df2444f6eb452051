// The doccheck extension: starts `doccheck lsp` and lets the language server do the rest
// (diagnostics, hovers, quick fixes). The settings under "doccheck" are sent to the server,
// which reads them on start and whenever they change.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function serverOptions(): ServerOptions {
  const settings = vscode.workspace.getConfiguration("doccheck");
  const command = settings.get<string>("path") || "doccheck";
  const args = [...settings.get<string[]>("args", []), "lsp"];
  return { command, args, transport: TransportKind.stdio };
}

const clientOptions: LanguageClientOptions = {
  // The server checks Markdown and plain text, and the other text types the workspace's
  // configuration lists in file-types (HTML); it ignores the rest.
  documentSelector: [
    { scheme: "file", language: "markdown" },
    { scheme: "file", language: "plaintext" },
    { scheme: "file", language: "html" },
    { scheme: "untitled", language: "markdown" },
    { scheme: "untitled", language: "plaintext" },
  ],
  synchronize: { configurationSection: "doccheck" },
};

async function start(): Promise<void> {
  client = new LanguageClient("doccheck", "doccheck", serverOptions(), clientOptions);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("doccheck.restart", async () => {
      await client?.stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // a new command or arguments need a new server; other settings reach the running one
      if (event.affectsConfiguration("doccheck.path") || event.affectsConfiguration("doccheck.args")) {
        await client?.stop();
        await start();
      }
    }),
  );
  try {
    await start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `doccheck 语言服务器无法启动：${String(error)}。请安装 doccheck（pip install 'doccheck[lsp]'），` +
        "或在设置 doccheck.path 中写明它的位置。",
    );
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
