/**
 * USB plug and unplug events for one vendor/product id, through `usb` (libusb hot-plug), which
 * only watches: it never claims the device, so the operating system's HID driver keeps it.
 * Returns null where there is no hot-plug (no USB bus, libusb missing, the module fails to load):
 * the caller falls back to retrying on a slow timer. Never throws.
 */
export async function watchUsb(
  vendorId: number,
  productId: number,
  handlers: { attach(): void; detach(): void },
): Promise<(() => void) | null> {
  try {
    const { usb } = await import('usb');
    const matches = (device: { deviceDescriptor: { idVendor: number; idProduct: number } }) =>
      device.deviceDescriptor.idVendor === vendorId && device.deviceDescriptor.idProduct === productId;
    const onAttach = (device: Parameters<typeof matches>[0]) => matches(device) && handlers.attach();
    const onDetach = (device: Parameters<typeof matches>[0]) => matches(device) && handlers.detach();
    usb.on('attach', onAttach);
    usb.on('detach', onDetach);
    // Listening must not keep a CLI process alive.
    try {
      usb.unrefHotplugEvents();
    } catch {
      // older libusb without hot-plug references: nothing to release
    }
    return () => {
      usb.off('attach', onAttach);
      usb.off('detach', onDetach);
    };
  } catch {
    return null;
  }
}
