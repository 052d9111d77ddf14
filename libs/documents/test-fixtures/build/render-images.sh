#!/usr/bin/env bash
# Renders the OCR test images into ../images with ImageMagick and WenQuanYi Micro Hei (Debian: imagemagick,
# fonts-wqy-microhei). The outputs are committed, so the tests need neither.
set -euo pipefail
cd "$(dirname "$0")/../images"
font=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
gray=(-type Grayscale -depth 8 -define png:color-type=0 -strip)

for size in 24 48; do
  convert -font "$font" -pointsize "$size" -background white -fill black label:'机密★10年' \
    -bordercolor white -border 20 "${gray[@]}" "marking-$size.png"
done

convert -font "$font" -pointsize 32 -background white -fill black label:'联系人：张三  手机：13812345678' \
  -bordercolor white -border 24 "${gray[@]}" mobile.png

# Top half of an A4 红头文件 at 150 dpi: a red heading, the 密级 in the top right, a document number and body text.
convert -size 1240x760 xc:white -font "$font" \
  -fill black -pointsize 28 -annotate +980+90 '机密★10年' \
  -fill '#d00000' -pointsize 64 -annotate +230+230 'XX县人民政府办公室文件' \
  -fill black -pointsize 30 -annotate +470+330 'X政办发〔2024〕12号' \
  -pointsize 36 -annotate +260+450 '关于加强政府信息公开保密审查的通知' \
  -pointsize 28 -annotate +120+560 '各乡镇人民政府，县政府各部门：' \
  -annotate +180+620 '为做好政府信息公开保密审查工作，现将有关事项通知如下。' \
  -annotate +120+680 '联系人：张三，手机：13812345678。' \
  -strip -type Grayscale -quality 70 scan-page.jpg

# The same page as a scanner stores a sheet fed sideways: the PDF fixture turns it upright with /Rotate.
convert scan-page.jpg -rotate -90 -strip -quality 70 scan-page-sideways.jpg

# Black and white, for the PDF fixtures' 1-bit scan, stencil mask and outlined (vector) text.
convert marking-48.png -threshold 50% marking-48.pbm

# The other formats Tesseract reads here, and a two-page TIFF (a fax or a multi-page scan).
convert marking-24.png -strip marking-24.webp
convert marking-24.png -strip marking-24.gif
convert marking-24.png -strip -type TrueColor bmp3:marking-24.bmp
convert mobile.png marking-48.png -strip -compress lzw two-pages.tiff

ls -l
