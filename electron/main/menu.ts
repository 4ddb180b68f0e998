// The Chinese application menu.
import type { MenuItemConstructorOptions } from 'electron';

export function menuTemplate(opts: { dev: boolean; onAbout: () => void }): MenuItemConstructorOptions[] {
  return [
    {
      label: '文件',
      submenu: [{ role: 'quit', label: '退出' }],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'reload', label: '重新加载' },
        { type: 'separator' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { role: 'resetZoom', label: '实际大小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
        ...(opts.dev ? [{ role: 'toggleDevTools', label: '开发者工具' } as const] : []),
      ],
    },
    {
      label: '帮助',
      submenu: [{ label: '关于联系群众工作台账', click: opts.onAbout }],
    },
  ];
}
