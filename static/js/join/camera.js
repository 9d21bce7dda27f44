// "Take a photo": the front camera in the page, with a live preview, capture and retake.

/** Wire the camera panel; onPhoto(file) receives each photo taken. */
export function setUpCamera(form, { messages, setStatus, onPhoto }) {
  const $ = (selector) => form.querySelector(selector);
  const openButton = $('[data-action="camera-open"]');
  const chooseButton = $('[data-action="file-choose"]');
  const camera = $("[data-camera]");
  const video = $("[data-camera-video]");
  const still = $("[data-camera-still]");
  const captureButton = $('[data-action="camera-capture"]');
  const retakeButton = $('[data-action="camera-retake"]');
  let stream = null;
  let stillUrl = null;

  if (!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)) return false;
  openButton.hidden = false;

  async function open() {
    camera.hidden = false;
    still.hidden = true;
    video.hidden = false;
    captureButton.hidden = false;
    retakeButton.hidden = true;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "user", width: { ideal: 1920 }, height: { ideal: 1440 } },
        audio: false,
      });
    } catch (error) {
      camera.hidden = true;
      const missing = error && (error.name === "NotFoundError" || error.name === "OverconstrainedError");
      setStatus(missing ? messages.cameraUnavailable : messages.cameraDenied, true);
      chooseButton.focus();
      return;
    }
    video.srcObject = stream;
    try {
      await video.play();
    } catch {
      // A muted inline video may autoplay; nothing to do if a browser objects.
    }
    captureButton.focus();
  }

  function stop() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
  }

  async function capture() {
    if (!video.videoWidth) return;
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92));
    if (!blob) return;
    stop(); // the camera light goes off as soon as the photo is taken
    if (stillUrl) URL.revokeObjectURL(stillUrl);
    stillUrl = URL.createObjectURL(blob);
    still.src = stillUrl;
    still.hidden = false;
    video.hidden = true;
    captureButton.hidden = true;
    retakeButton.hidden = false;
    retakeButton.focus();
    await onPhoto(new File([blob], "camera.jpg", { type: "image/jpeg", lastModified: Date.now() }));
  }

  openButton.addEventListener("click", open);
  captureButton.addEventListener("click", capture);
  retakeButton.addEventListener("click", open);
  $('[data-action="camera-close"]').addEventListener("click", () => {
    stop();
    camera.hidden = true;
    openButton.focus();
  });
  window.addEventListener("pagehide", stop);
  return true;
}
